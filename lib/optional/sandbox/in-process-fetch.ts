import "server-only";

import type { IntegryConfig } from "@/lib/integry/server/config";
import { SANDBOX_BASE_PATH } from "@/lib/integry/shared/sandbox";
import { handleSandboxRequest } from "@/lib/optional/sandbox/handler";

const SANDBOX_REST_BASE_URL = `http://integry-sandbox.invalid${SANDBOX_BASE_PATH}/rest`;

/** Where and how the server's REST calls reach the sandbox: the `{ baseUrl, fetch }` a REST client takes. */
export function sandboxRestApi(config: IntegryConfig): { baseUrl: string; fetch: typeof fetch } {
  // The same handler and checks as over HTTP, without a request from the server to itself, which no host guarantees.
  const fetchInProcess: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.slice(SANDBOX_BASE_PATH.length).split("/").filter(Boolean);
    return handleSandboxRequest(request, path, config);
  };
  return { baseUrl: SANDBOX_REST_BASE_URL, fetch: fetchInProcess };
}
