import "server-only";

import type { IntegryConfig } from "@/lib/integry/server/config";
import { SANDBOX_BASE_PATH } from "@/lib/rooms/sandbox/public";
import { handleSandboxRequest } from "@/lib/rooms/sandbox/handler";
import { SANDBOX_CALLBACK_ORIGIN, sandboxRunsUrl } from "@/lib/rooms/sandbox/run-urls";

const SANDBOX_REST_ORIGIN = "http://sandbox.invalid";
const SANDBOX_REST_BASE_URL = `${SANDBOX_REST_ORIGIN}${SANDBOX_BASE_PATH}/rest`;

// The same handler and checks as over HTTP, without a request from the server to itself, which no host guarantees.
function fetchInProcess(config: IntegryConfig): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    // Only the sandbox's own pseudo-hosts: any other URL fails as an unreachable host would, never goes out.
    const ours = [SANDBOX_REST_ORIGIN, SANDBOX_CALLBACK_ORIGIN].includes(url.origin);
    if (!ours || !url.pathname.startsWith(`${SANDBOX_BASE_PATH}/`)) {
      throw new TypeError(`fetch failed: ${url.origin} is not the Integry sandbox.`);
    }
    const path = url.pathname.slice(SANDBOX_BASE_PATH.length).split("/").filter(Boolean);
    return handleSandboxRequest(request, path, config);
  };
}

/** Where and how the server's REST calls reach the sandbox: the `{ baseUrl, fetch }` a REST client takes. */
export function sandboxRestApi(config: IntegryConfig): { baseUrl: string; fetch: typeof fetch } {
  return { baseUrl: SANDBOX_REST_BASE_URL, fetch: fetchInProcess(config) };
}

/** What running flows needs of the sandbox: the host of its callback URLs, a fetch answering them here, its runs. */
export function sandboxCallbacks(config: IntegryConfig) {
  return { host: new URL(SANDBOX_CALLBACK_ORIGIN).hostname, fetch: fetchInProcess(config), runsUrl: sandboxRunsUrl };
}
