import { cpus } from "node:os";
import { join } from "node:path";
import { IDEMPOTENCY_ROW_IDS, idempotencyTableOf, keptIdempotencyRows, writeIdempotencySection } from "./idempotency/report.ts";
import { SCENARIO_IDS, keptRows, tableOf, writeReliabilityDoc } from "./report.ts";

const DOC = join(__dirname, "..", "..", "..", "docs", "reliability.md");

/**
 * Prints this run's tables and writes each into docs/reliability.md. A row is kept only once all
 * its checks passed (the idempotency rows of express-idempotency: once its run finished), and a
 * table is rewritten only when its every row is there (running one file alone, or a failing run,
 * leaves it as it was). With `CI` set the document is not written: CI runs on a clean clone and
 * must not leave a tracked file modified.
 */
export default function globalTeardown(): void {
  const environment = `Last run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, ${cpus().length} cores, Redis 7.0 (system binary).`;
  const rows = keptRows();
  const missing = SCENARIO_IDS.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) console.log(`faults: no row for ${missing.join(", ")}; the faults table of docs/reliability.md left unchanged`);
  else {
    console.log(`faults: every scenario\n${tableOf(rows)}`);
    if (!process.env.CI) {
      writeReliabilityDoc(DOC, rows, environment);
      console.log(`faults: docs/reliability.md updated with ${rows.length} scenarios`);
    }
  }
  const idempotencyRows = keptIdempotencyRows();
  const missingRuns = IDEMPOTENCY_ROW_IDS.filter((id) => !idempotencyRows.some((row) => row.id === id));
  if (missingRuns.length > 0) console.log(`faults: no idempotency row for ${missingRuns.join(", ")}; its table in docs/reliability.md left unchanged`);
  else {
    console.log(`faults: idempotency crash torture\n${idempotencyTableOf(idempotencyRows)}`);
    if (!process.env.CI) {
      writeIdempotencySection(DOC, idempotencyRows, environment);
      console.log("faults: the idempotency table of docs/reliability.md updated");
    }
  }
  if (process.env.CI) console.log("faults: CI is set; docs/reliability.md left unchanged");
}
