import "server-only";

import type { IntegryConfig } from "@/lib/integry/server/config";
import type { SendCallback } from "@/lib/optional/flow-delivery/callback-attempt";
import { callbackUrlProblem } from "@/lib/optional/flow-delivery/callback-url";
import type { sandboxCallbacks } from "@/lib/optional/sandbox/in-process-fetch";

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
  if (config.sandbox)
    return sandboxTransport((await import("@/lib/optional/sandbox/in-process-fetch")).sandboxCallbacks(config));
  return {
    refuse: (url) => callbackUrlProblem(url, config.callbackHosts),
    // A redirect is never followed: a URL that passed the host check must not lead the server anywhere else.
    send: ({ url, ...init }) => fetch(url, { method: "POST", ...init, redirect: "error" }),
  };
}

function sandboxTransport(sandbox: ReturnType<typeof sandboxCallbacks>): CallbackTransport {
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
