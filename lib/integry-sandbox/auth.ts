import "server-only";

import { AppError } from "@/lib/errors";
import type { IntegryConfig } from "@/lib/integry/config";
import { computeIntegryHash, integryHashesMatch } from "@/lib/integry/hash";
import { sandboxRefusal } from "@/lib/integry-sandbox/http";

export type SandboxCaller = { ok: true; userId: string } | { ok: false; response: Response };

function refuse(detail: string): SandboxCaller {
  return { ok: false, response: sandboxRefusal(401, detail) };
}

/**
 * Checks the credentials the SDK puts in every query string, as Integry does. The SDK sends
 * list and form requests whatever verify-sdk-config answered, so each endpoint must check.
 */
export async function authenticateSandboxCaller(url: URL, config: IntegryConfig): Promise<SandboxCaller> {
  const appKey = url.searchParams.get("app_key");
  const hash = url.searchParams.get("hash");
  const userId = url.searchParams.get("user_id");
  if (!appKey || !hash || !userId) {
    return refuse("Authentication credentials were not provided: app_key, hash and user_id are required.");
  }
  if (!integryHashesMatch(config.appKey, appKey)) return refuse("Invalid app_key: it is not this app's key.");
  let expected: string;
  try {
    expected = await computeIntegryHash(config.appSecret, userId);
  } catch (error) {
    if (error instanceof AppError) return refuse(`Invalid user_id: ${error.message}`);
    throw error;
  }
  if (!integryHashesMatch(expected, hash)) {
    return refuse("Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret.");
  }
  return { ok: true, userId };
}
