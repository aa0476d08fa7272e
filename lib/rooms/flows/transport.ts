import "server-only";

import { Agent, request, type Dispatcher } from "undici";

import { guardsRealCredentials } from "@/lib/app-mode";
import { envReader, misconfigured } from "@/lib/env";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { INTEGRY_STAND_IN, type StandInConnection } from "@/lib/room";
import type { SendCallback } from "@/lib/rooms/flows/callback-attempt";
import { callbackUrlProblem } from "@/lib/rooms/flows/callback-url";
import { isPublicHost, PUBLIC_NETWORK } from "@/lib/rooms/flows/public-network";
import { FLOWS_ENV, getCallbackHosts } from "@/lib/rooms/flows/settings";

export interface FlowRun {
  id: number;
  integrationId: number;
  idempotencyKey: string;
  payload: unknown;
  createdAt: string;
}

/** How the app reaches the flows' callback URLs: Integry over the network, or the sandbox in this process. */
export interface CallbackTransport {
  /** Why a callback URL the browser reported cannot be stored for `identity`; undefined when it can. */
  refuse(url: unknown, identity: string): string | undefined;
  send: SendCallback;
  /** The runs the sandbox recorded for an identity; Integry shows its own in its dashboard. */
  listRuns?(credentials: { appKey: string; userId: string; hash: string }): Promise<FlowRun[]>;
}

export async function callbackTransport(config: IntegryConfig): Promise<CallbackTransport> {
  const testReceiver = getTestReceiver();
  if (testReceiver) return testReceiverTransport(testReceiver);
  if (config.sandbox && INTEGRY_STAND_IN) return sandboxTransport((await INTEGRY_STAND_IN.connect()).callbacks(config));
  const hosts = getCallbackHosts();
  const sendToPublicNetwork = networkSend(PUBLIC_NETWORK);
  return {
    refuse: (url) => callbackUrlProblem(url, hosts),
    // The connection goes to public addresses only, whatever the name resolves to by then; an IP literal skips DNS.
    send: (request) =>
      isPublicHost(new URL(request.url).hostname)
        ? sendToPublicNetwork(request)
        : Promise.reject(new TypeError("fetch failed: not public")),
  };
}

/**
 * How a callback URL is reached over the network, through `dispatcher`. A redirect is never followed (undici's
 * `request` follows none) and counts as a network error: a URL that passed the host check must not lead the server
 * anywhere else. undici's own `request`, not the global `fetch` that Next.js wraps for its cache: a delivery is never
 * cached, and the wrapper and web streams cost more CPU than the send itself.
 */
export function networkSend(dispatcher: Dispatcher): SendCallback {
  return async ({ url, body, headers, signal }) => {
    const answer = await request(url, { method: "POST", body, headers, signal, dispatcher });
    // Only the status matters: a short body is read to its end, so the connection is reused; a long one is dropped.
    await answer.body.dump();
    if (answer.statusCode >= 300 && answer.statusCode < 400) throw new TypeError("redirect refused");
    const retryAfter = answer.headers["retry-after"];
    return new Response(null, {
      status: answer.statusCode,
      headers: typeof retryAfter === "string" ? { "Retry-After": retryAfter } : {},
    });
  };
}

const env = envReader(FLOWS_ENV);

/**
 * Test-only: the origin of a receiver on this machine that the flows send to, over the network as to Integry, in
 * place of the callback URLs' hosts (the bench's receiver). A production server beside real credentials refuses it.
 */
export const getTestReceiver = env.parsedOnChange((values) => {
  const origin = env.read(values, "FLOWS_TEST_RECEIVER");
  if (origin && guardsRealCredentials(values)) {
    throw misconfigured(
      "FLOWS_TEST_RECEIVER",
      "is a test-only switch, refused beside real Integry credentials: unset it",
    );
  }
  return origin;
});

const LOOPBACK = new Agent();

function testReceiverTransport(origin: string): CallbackTransport {
  return {
    refuse: (url) =>
      typeof url === "string" && URL.canParse(url) && new URL(url).origin === origin
        ? undefined
        : "is not on FLOWS_TEST_RECEIVER",
    send: networkSend(LOOPBACK),
  };
}

function sandboxTransport(sandbox: ReturnType<StandInConnection["callbacks"]>): CallbackTransport {
  return {
    // A sandbox callback URL names its identity: one user cannot point their events at another's integration.
    refuse: (url, identity) =>
      callbackUrlProblem(url, [sandbox.host]) ??
      (new URL(url as string).searchParams.get("user_id") === identity
        ? undefined
        : "is another identity's integration"),
    send: ({ url, ...init }) => sandbox.fetch(url, { method: "POST", ...init }),
    listRuns: async (credentials) =>
      ((await (await sandbox.fetch(sandbox.runsUrl(credentials))).json()) as { runs: FlowRun[] }).runs,
  };
}
