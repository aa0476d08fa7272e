import "server-only";

import type { Session } from "next-auth";

import { SANDBOX_BASE_PATH, type IntegryConfig } from "@/lib/integry/config";
import { computeIntegryHash } from "@/lib/integry/hash";
import { resolveIntegryIdentity } from "@/lib/integry/identity";

/** What the browser needs to start the embed. Everything here is safe to show the user. */
export interface IntegryParams {
  appKey: string;
  deploymentId: string;
  userId: string;
  hash: string;
  /** Same-origin path of the offline sandbox, or null when the embed talks to Integry. */
  sandboxBaseUrl: string | null;
}

export async function buildIntegryParams(user: Session["user"], config: IntegryConfig): Promise<IntegryParams> {
  const userId = resolveIntegryIdentity(user, config.scope);
  return {
    appKey: config.appKey,
    deploymentId: config.deploymentId,
    userId,
    hash: await computeIntegryHash(config.appSecret, userId),
    sandboxBaseUrl: config.sandbox ? SANDBOX_BASE_PATH : null,
  };
}
