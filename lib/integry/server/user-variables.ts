import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import type { IntegryScope } from "@/lib/integry/server/config";

const DEMO_PLANS: Readonly<Record<string, string>> = { Acme: "business", Globex: "starter" };

/**
 * Your plug-in point: the `...extras` of the SDK's `user: { userId, apiKey, ...extras }`, read by flows as
 * `{user.<key>}`. Define a variable in Integry → Workspace settings → Variables, then return it here (a missing one
 * makes the SDK raise `did-raise-sdk-embed-warning`). Leave out `userId`, `apiKey` and `api_key`: the params route
 * sets those. Under the account scope all users of an account are one identity: return only values they share, or
 * the last user to open the embed decides them.
 */
export function integryUserVariables(user: SessionUser, scope: IntegryScope): Record<string, string> {
  // The demo's user store; look the identity up in yours. Nothing is invented for anyone else.
  const record = DEMO_USERS.find((candidate) =>
    scope === "account" ? candidate.accountId === user.accountId : candidate.id === user.id,
  );
  return record ? { crm_workspace: record.accountName, plan: DEMO_PLANS[record.accountName] ?? "free" } : {};
}
