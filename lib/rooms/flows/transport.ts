import "server-only";

import type { Dispatcher } from "undici";

import type { IntegryConfig } from "@/lib/integry/server/config";
import { INTEGRY_STAND_IN, type StandInConnection } from "@/lib/room";
import type { SendCallback } from "@/lib/rooms/flows/callback-attempt";
import { callbackUrlProblem } from "@/lib/rooms/flows/callback-url";
import { isPublicHost, PUBLIC_NETWORK } from "@/lib/rooms/flows/public-network";
import { getCallbackHosts } from "@/lib/rooms/flows/settings";

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
  if (config.sandbox && INTEGRY_STAND_IN) return sandboxTransport((await INTEGRY_STAND_IN.connect()).callbacks(config));
  const hosts = getCallbackHosts();
  return {
    refuse: (url) => callbackUrlProblem(url, hosts),
    // A redirect is never followed: a URL that passed the host check must not lead the server anywhere else. And
    // the connection goes to public addresses only, whatever the name resolves to by then.
    send: ({ url, ...rest }) => {
      if (!isPublicHost(new URL(url).hostname)) return Promise.reject(new TypeError("fetch failed: not public"));
      // Node's fetch takes an undici dispatcher (Node's docs, "fetch"), which the DOM's RequestInit does not declare.
      const init: RequestInit & { dispatcher: Dispatcher } = {
        method: "POST",
        ...rest,
        redirect: "error",
        dispatcher: PUBLIC_NETWORK,
      };
      return fetch(url, init);
    },
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
