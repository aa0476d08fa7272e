/**
 * `npm run check-env [-- --production]`: reads the environment the way Next.js does (.env*.local,
 * .env, the process) and reports each variable the schema declares, never printing a value.
 */
import { loadEnvConfig } from "@next/env";

import { checkEnvironment, FAILING_STATUSES } from "@/lib/env-check";

const production = process.argv.includes("--production");
const { loadedEnvFiles } = loadEnvConfig(process.cwd(), !production);
const findings = checkEnvironment(process.env, { production });

const sources = [...loadedEnvFiles.map((file) => file.path), "the process environment"].join(", ");
console.log(`Checking ${production ? "for production" : "for development"} (from ${sources}):\n`);
for (const { name, status, note } of findings) console.log(`  ${status.padEnd(11)} ${name.padEnd(22)} ${note}`);

const failures = findings.filter((finding) => FAILING_STATUSES.includes(finding.status));
console.log(failures.length ? `\n${failures.length} problem(s) to fix.` : "\nAll good.");
process.exitCode = failures.length ? 1 : 0;
