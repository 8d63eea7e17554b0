import { performance } from "node:perf_hooks";

/** One operation of a closed loop; `i` grows by one per call of the same caller. */
export type Operation = (i: number) => Promise<unknown>;

/** Callers running an operation in a closed loop, until `stop()`. */
export interface RunningCallers {
  /** Ends the loop after the operations in flight; rejects with the first operation's error. */
  stop(): Promise<void>;
}

/**
 * Starts `concurrency` async callers that each await `op`, then issue the next, calling
 * `completed(latencyMs)` after each success. The first rejection stops every caller.
 */
export function startCallers(op: Operation, concurrency: number, completed: (latencyMs: number) => void): RunningCallers {
  let stopped = false;
  let failure: unknown;
  const caller = async (id: number): Promise<void> => {
    // distinct, alternating counters per caller (even: read, odd: write in the GET/SET cells)
    let i = id * 104_729;
    while (!stopped) {
      const startedAt = performance.now();
      try {
        await op(i);
      } catch (error) {
        failure ??= error;
        stopped = true;
        return;
      }
      completed(performance.now() - startedAt);
      i++;
    }
  };
  const callers = Array.from({ length: concurrency }, (_, id) => caller(id));
  return {
    async stop() {
      stopped = true;
      await Promise.all(callers);
      if (failure !== undefined) throw failure;
    },
  };
}
