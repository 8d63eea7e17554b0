import type { BenchEnv, CellParams, ConfigRunner, Measurement, ScenarioFactories } from "./types.js";

/** What every row of a `oneProcess` table shares: one measurement of all rows at once. */
export interface RowsWindow {
  /** Measures every row in one run (an alternating loop), in the order of the table's rows. */
  measureAll(cell: CellParams): Promise<Measurement[]>;
  close(): Promise<void>;
}

/**
 * Factories for a table whose rows live in one worker process (`oneProcess`) and are measured
 * together: the harness asks each row once per cell and round, in a rotating order; the first row
 * asked runs `measureAll` for all of them, the others take their share of it. The window is
 * opened by the first factory called and closed when the last runner closes.
 * @param defaultConcurrency the concurrency of a cell that names none (it keys the shares).
 */
export function sharedWindowFactories<Row extends string>(rows: readonly Row[], defaultConcurrency: number, open: (env: BenchEnv) => Promise<RowsWindow>): ScenarioFactories {
  let shared: Promise<RowsWindow> | undefined;
  let users = 0;
  const waiting = new Map<string, Measurement>();

  const measure = async (window: RowsWindow, row: Row, cell: CellParams): Promise<Measurement> => {
    const concurrency = cell.concurrency ?? defaultConcurrency;
    const ready = waiting.get(`${row} ${concurrency}`);
    if (ready !== undefined) {
      waiting.delete(`${row} ${concurrency}`);
      return ready;
    }
    const measured = await window.measureAll(cell);
    rows.forEach((other, index) => {
      if (other !== row) waiting.set(`${other} ${concurrency}`, measured[index] as Measurement);
    });
    return measured[rows.indexOf(row)] as Measurement;
  };

  const runnerOf =
    (row: Row) =>
    async (env: BenchEnv): Promise<ConfigRunner> => {
      shared ??= open(env);
      const window = await shared;
      users++;
      return {
        run: (cell) => measure(window, row, cell),
        close: async () => {
          if (--users === 0) await window.close();
        },
      };
    };

  return Object.fromEntries(rows.map((row) => [row, runnerOf(row)]));
}
