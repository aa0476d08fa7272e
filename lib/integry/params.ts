import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import type { IntegryConfig } from "@/lib/integry/config";
import { SANDBOX_BASE_PATH } from "@/lib/integry-sandbox/credentials";
import { currentApiKey } from "@/lib/integry/api-key";
import { computeIntegryHash } from "@/lib/integry/hash";
import { resolveIntegryIdentity } from "@/lib/integry/identity";
import type { IntegryParams } from "@/lib/integry/types";
import { integryUserVariables } from "@/lib/integry/user-variables";

export interface IntegryParamsOptions {
  apiKeySecret: string | undefined;
}

/** The identity Integry sees and its hash: what the embed and the server's REST calls both authenticate with. */
export async function integryCredentials(user: SessionUser, config: IntegryConfig) {
  const userId = resolveIntegryIdentity(user, config.scope);
  return { appKey: config.appKey, userId, hash: await computeIntegryHash(config.appSecret, userId) };
}

export async function buildIntegryParams(
  user: SessionUser,
  config: IntegryConfig,
  { apiKeySecret }: IntegryParamsOptions,
): Promise<IntegryParams> {
  const { appKey, userId, hash } = await integryCredentials(user, config);
  const apiKey =
    apiKeySecret &&
    (await currentApiKey(userId, { secret: apiKeySecret, deploymentId: config.deploymentId, userId: user.id }));
  return {
    appKey,
    deploymentId: config.deploymentId,
    userId,
    hash,
    // The identity and key come last, so no user variable can stand in for them.
    user: { ...integryUserVariables(user, config.scope), userId, ...(apiKey ? { apiKey } : {}) },
    sandboxBaseUrl: config.sandbox ? SANDBOX_BASE_PATH : null,
  };
}
