import "server-only";

import type { Session } from "next-auth";

import { SANDBOX_BASE_PATH, type IntegryConfig } from "@/lib/integry/config";
import { computeIntegryHash } from "@/lib/integry/hash";
import { resolveIntegryIdentity } from "@/lib/integry/identity";
import type { IntegryParams } from "@/lib/integry/types";

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
