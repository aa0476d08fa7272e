import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { SANDBOX_BASE_PATH } from "@/lib/optional/sandbox/credentials";
import { currentApiKey } from "@/lib/optional/self-api-key/api-key";
import { computeIntegryHash } from "@/lib/integry/server/hash";
import { resolveIntegryIdentity } from "@/lib/integry/server/identity";
import type { IntegryParams } from "@/lib/integry/shared/types";
import { integryUserVariables } from "@/lib/integry/server/user-variables";

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
