// npm run load: signed-in demo users hammer GET /api/integry-params; exits 1 on any error,
// non-2xx, or hash that is not the asking user's own. Starts its own `next start` unless --url.
import { parseArgs } from "node:util";

import { paramsLoadTest } from "./perf/load.mjs";
import { buildIfNeeded, PERF_APP_SECRET, startServer } from "./perf/server.mjs";
import { signInAll } from "./perf/sessions.mjs";

const { values } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    connections: { type: "string", default: "16,64" },
    port: { type: "string", default: "3200" },
    url: { type: "string" },
    short: { type: "boolean", default: false },
  },
});
const durationSeconds = values.short ? 3 : Number(values.duration);
const connectionCounts = values.connections.split(",").map(Number);
if (!(durationSeconds > 0 && durationSeconds <= 300) || connectionCounts.some((n) => !(n > 0 && n <= 512))) {
  console.error("--duration must be 1 to 300 seconds, and each of --connections 1 to 512");
  process.exit(2);
}
// Against a server of your own (--url), INTEGRY_APP_SECRET must be the app secret it runs with.
const appSecret = values.url ? process.env.INTEGRY_APP_SECRET : PERF_APP_SECRET;
if (!appSecret) {
  console.error("With --url, set INTEGRY_APP_SECRET to the server's app secret.");
  process.exit(2);
}

let server;
try {
  if (!values.url) {
    buildIfNeeded(Number(values.port));
    server = startServer(Number(values.port));
    await server.ready();
  }
  const url = values.url ?? server.url;
  const users = await signInAll(url);
  await paramsLoadTest({ url, users, appSecret, connectionCounts, durationSeconds });
  console.log("Load test passed.");
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await server?.stop();
}
