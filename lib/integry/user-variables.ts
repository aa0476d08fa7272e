import type { SessionUser } from "@/lib/auth/session";
import { DEMO_USERS } from "@/lib/demo-users";
import type { IntegryScope } from "@/lib/integry/config";

const DEMO_PLANS: Readonly<Record<string, string>> = { Acme: "business", Globex: "starter" };

/**
 * The deployment's user variables for the signed-in user: the `...extras` of the SDK's
 * `user: { userId, apiKey, ...extras }`, which Integry's flows read as `{user.<key>}`. Your plug-in
 * point: to add one, define it in Integry → Workspace settings → Variables, then return it here
 * (a missing one makes the SDK raise `did-raise-sdk-embed-warning`). Leave out `userId`, `apiKey`
 * and `api_key`: the params route sets the identity and this app's API key itself.
 *
 * Under the account scope every user of an account is one Integry identity: return only values
 * that are the same for all of them, or the last user to open the embed decides them.
 */
export function integryUserVariables(user: SessionUser, scope: IntegryScope): Record<string, string> {
  // The demo's user store; look the identity up in yours.
  const record = DEMO_USERS.find((candidate) =>
    scope === "account" ? candidate.accountId === user.accountId : candidate.id === user.id,
  );
  if (!record) return { crm_workspace: user.name ? `${user.name}'s workspace` : "Personal workspace", plan: "free" };
  return { crm_workspace: record.accountName, plan: DEMO_PLANS[record.accountName] ?? "free" };
}
