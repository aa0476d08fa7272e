/**
 * `next build` with every app variable empty: the e2e suite serves one build made the way Docker,
 * CI pipelines and `vercel build` make it, with no secret in sight, and configures it at start.
 */
import { spawnSync } from "node:child_process";

import { definedEnv, NO_APP_ENV } from "./servers";

const result = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], {
  env: definedEnv({ ...process.env, ...NO_APP_ENV, NEXT_OUTPUT: "standalone" }) as NodeJS.ProcessEnv,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
