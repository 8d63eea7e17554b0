import { cpus } from "node:os";
import { join } from "node:path";
import { CACHE_SCENARIO_IDS, cacheTableOf, keptCacheRows, writeCacheSection } from "./cache-report.ts";
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
  writeCacheTable();
  const environment = environmentLine();
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

function environmentLine(): string {
  return `Last run: ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC, Node ${process.version}, ${cpus().length} cores, Redis 7.0 (system binary).`;
}

/** The cache staleness table: written when every cache scenario kept its row (the file can run alone). */
function writeCacheTable(): void {
  const rows = keptCacheRows();
  const missing = CACHE_SCENARIO_IDS.filter((id) => !rows.some((row) => row.id === id));
  if (missing.length > 0) {
    if (rows.length > 0) console.log(`faults: no cache row for ${missing.join(", ")}; the cache table of docs/reliability.md left unchanged`);
    return;
  }
  console.log(`faults: cache staleness\n${cacheTableOf(rows)}`);
  if (process.env.CI) return;
  writeCacheSection(DOC, rows, environmentLine());
  console.log(`faults: docs/reliability.md cache table updated with ${rows.length} faults`);
}
