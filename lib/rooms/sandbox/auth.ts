import "server-only";

import { AppError } from "@/lib/errors";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { integryHash, constantTimeEqual } from "@/lib/integry/server/hash";
import { sandboxRefusal } from "@/lib/rooms/sandbox/http";

/** A caller whose hash checked out: its user ID, and that hash (the one the sandbox hands back in login URLs). */
export type SandboxCaller = { ok: true; userId: string; hash: string } | { ok: false; response: Response };

function refuse(detail: string): SandboxCaller {
  return { ok: false, response: sandboxRefusal(401, detail) };
}

// The SDK sends list and form requests whatever verify-sdk-config answered, so each endpoint must check.
export function authenticateSandboxCaller(url: URL, config: IntegryConfig): Promise<SandboxCaller> {
  const query = url.searchParams;
  return verify(query.get("app_key"), query.get("hash"), query.get("user_id"), config, "app_key, hash and user_id");
}

export function authenticateRestApiCaller(request: Request, url: URL, config: IntegryConfig): Promise<SandboxCaller> {
  const read = (header: string, parameter: string) => request.headers.get(header) ?? url.searchParams.get(parameter);
  const names = "the App-Key, User-ID and Hash headers";
  return verify(read("App-Key", "app_key"), read("Hash", "hash"), read("User-ID", "user_id"), config, names);
}

async function verify(
  appKey: string | null,
  hash: string | null,
  userId: string | null,
  config: IntegryConfig,
  names: string,
): Promise<SandboxCaller> {
  if (!appKey || !hash || !userId) {
    return refuse(`Authentication credentials were not provided: ${names} are required.`);
  }
  if (!constantTimeEqual(config.appKey, appKey)) return refuse("Invalid app_key: it is not this app's key.");
  let expected: string;
  try {
    expected = integryHash(config.appSecret, userId);
  } catch (error) {
    if (error instanceof AppError) return refuse(`Invalid user_id: ${error.message}`);
    throw error;
  }
  if (!constantTimeEqual(expected, hash)) {
    return refuse("Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret.");
  }
  return { ok: true, userId, hash };
}
