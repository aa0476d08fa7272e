import type { IntegryConfig } from "@/lib/integry/server/config";
import { handleSandboxRequest } from "@/lib/rooms/sandbox/handler";
import { DEFAULT_SANDBOX_REST_SETTINGS, type SandboxRestSettings } from "@/lib/rooms/sandbox/rest-endpoints";
import { createMemorySandboxStore } from "@/lib/rooms/sandbox/memory-store";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

import { referenceHash } from "@/tests/support/reference-hash";
import { slackSaveBody } from "@/tests/support/slack-flow";

export { slackSaveBody };

export const CONFIG: IntegryConfig = {
  appKey: "unit-app-key",
  appSecret: "unit-secret-5c1f",
  deploymentId: "1",
  scope: "user",
  sandbox: true,
  sdkBaseUrl: "/api/sandbox",
  sdkApiBaseUrl: "/api/sandbox/rest",
};

export const ORIGIN = "http://127.0.0.1:3000";
export const BASE = "/api/sandbox";

/** The tests' one reference hash (Web Crypto), never node:crypto's, which lib/integry/server/hash.ts uses. */
export function hashOf(userId: string, secret = CONFIG.appSecret): Promise<string> {
  return referenceHash(secret, userId);
}

export async function credentials(userId: string): Promise<string> {
  return new URLSearchParams({ app_key: CONFIG.appKey, hash: await hashOf(userId), user_id: userId }).toString();
}

interface CallOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  store?: SandboxStore;
  /** Stands in for the app's own API when the sandbox checks a `self_api_key`. */
  selfApiFetch?: typeof fetch;
}

/**
 * Calls the sandbox like the route does: `target` is the path below the base path with its
 * query string; the catch-all segments drop the trailing slash, as Next.js passes them.
 */
export function callSandbox(method: string, target: string, options: CallOptions = {}): Promise<Response> {
  const url = new URL(BASE + target, ORIGIN);
  const path = url.pathname.slice(BASE.length).split("/").filter(Boolean);
  const rawBody = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const request = new Request(url, {
    method,
    signal: options.signal,
    body: rawBody,
    headers: { ...(rawBody === undefined ? {} : { "Content-Type": "application/json" }), ...options.headers },
  });
  const store = options.store ?? createMemorySandboxStore();
  return handleSandboxRequest(request, path, CONFIG, store, DEFAULT_SANDBOX_REST_SETTINGS, options.selfApiFetch);
}

interface FlowJson {
  id: number;
  instances: { id: number; name: string; status: string }[];
}

/** Saves "Send new leads to Slack" (or `body`) as the caller of `auth`, into `store`. */
export function saveIntegration(
  store: SandboxStore,
  auth: string,
  body: unknown = slackSaveBody("#sales", "New lead"),
) {
  return callSandbox("POST", `/v2/integration/?async=false&${auth}&activate=true`, { store, body });
}

export async function savedIntegrationId(store: SandboxStore, auth: string): Promise<number> {
  return ((await (await saveIntegration(store, auth)).json()) as { id: number }).id;
}

/** The rows under one flow card, as the caller of `auth` sees them. */
export async function instancesOf(store: SandboxStore, auth: string, flowId: number): Promise<FlowJson["instances"]> {
  const response = await callSandbox("GET", `/api/v1/sdk/flows/?page_size=9999&show_draft=true&${auth}`, { store });
  const { results } = (await response.json()) as { results: FlowJson[] };
  return results.find((flow) => flow.id === flowId)?.instances ?? [];
}

/** A fetch the sandbox answers from `store`, as its route would: what a REST client takes to reach it in process. */
export function sandboxFetch(store: SandboxStore, settings: SandboxRestSettings = DEFAULT_SANDBOX_REST_SETTINGS) {
  const answer: typeof fetch = (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname.slice(BASE.length).split("/").filter(Boolean);
    return handleSandboxRequest(request, path, CONFIG, store, settings);
  };
  return answer;
}
