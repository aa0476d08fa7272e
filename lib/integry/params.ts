import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import type { IntegryConfig } from "@/lib/integry/config";
import { SANDBOX_BASE_PATH } from "@/lib/integry-sandbox/credentials";
import { computeIntegryHash } from "@/lib/integry/hash";
import { resolveIntegryIdentity } from "@/lib/integry/identity";
import type { IntegryParams } from "@/lib/integry/types";

export async function buildIntegryParams(user: SessionUser, config: IntegryConfig): Promise<IntegryParams> {
  const userId = resolveIntegryIdentity(user, config.scope);
  return {
    appKey: config.appKey,
    deploymentId: config.deploymentId,
    userId,
    hash: await computeIntegryHash(config.appSecret, userId),
    sandboxBaseUrl: config.sandbox ? SANDBOX_BASE_PATH : null,
  };
}
