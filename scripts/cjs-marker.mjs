// Marks a tsc CommonJS output folder as CommonJS inside a "type": "module" package.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
writeFileSync(join(process.argv[2], "package.json"), '{ "type": "commonjs" }\n');
