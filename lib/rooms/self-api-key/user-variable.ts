import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { currentApiKey } from "@/lib/rooms/self-api-key/api-key";
import { getApiKeySecret } from "@/lib/rooms/self-api-key/signing-secret";

/** The SDK's `user.apiKey`, with which Integry calls this app's API as the identity; none without INTEGRY_API_KEY_SECRET. */
export async function selfApiKeyVariable(
  identity: string,
  user: SessionUser,
  config: IntegryConfig,
): Promise<Record<string, string>> {
  const secret = getApiKeySecret();
  if (!secret) return {};
  const { deploymentId } = config;
  return {
    apiKey: await currentApiKey(identity, { secret, deploymentId, userId: user.id, accountId: user.accountId }),
  };
}
