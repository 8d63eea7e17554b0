import { rmSync } from "node:fs";
import { RESULTS_DIR } from "./report.ts";

/** Starts every run with no rows from an earlier one. */
export default function globalSetup(): void {
  rmSync(RESULTS_DIR, { recursive: true, force: true });
}
