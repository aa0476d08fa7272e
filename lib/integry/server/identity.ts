import type { SessionUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import type { IntegryScope } from "@/lib/integry/server/config";

/**
 * The ID Integry sees, and the place to plug in your own users and organisations: under "user" scope every user has
 * their own flows; under "account" every user of one account shares them. It reads the session only, never the
 * request, so no caller can ask for someone else's hash.
 */
export function resolveIntegryIdentity(user: SessionUser, scope: IntegryScope): string {
  const id = scope === "account" ? user.accountId : user.id;
  if (!id) {
    throw new AppError("invalid_identity", `The session has no ${scope === "account" ? "account" : "user"} ID.`);
  }
  return id;
}
