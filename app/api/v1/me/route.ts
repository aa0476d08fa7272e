import { DEMO_USERS } from "@/lib/auth/demo-users";
import { getAuthSettings } from "@/lib/auth/settings";
import { AppError, errorResponse, methodNotAllowedHandler, NO_STORE } from "@/lib/errors";
import { API_KEY_FAILURE_MESSAGES, verifyApiKey } from "@/lib/rooms/self-api-key/api-key";
import { getApiKeySecret } from "@/lib/rooms/self-api-key/signing-secret";
import { getIntegryConfig, type IntegryScope } from "@/lib/integry/server/config";

export const dynamic = "force-dynamic";

// Plug in your own user store here: the identity's name. The demo users answer only beside the sandbox; a real
// identity is unknown until you look it up.
function nameOf(identity: string, scope: IntegryScope, sandbox: boolean): string | null {
  const user = sandbox
    ? DEMO_USERS.find((candidate) => (scope === "account" ? candidate.accountId : candidate.id) === identity)
    : undefined;
  return (scope === "account" ? user?.accountName : user?.name) ?? null;
}

function unauthenticated(message: string): Response {
  return errorResponse(new AppError("unauthenticated", message), { ...NO_STORE, "WWW-Authenticate": "Bearer" });
}

export async function GET(request: Request): Promise<Response> {
  try {
    const { deploymentId, scope, sandbox } = getIntegryConfig();
    const secret = getApiKeySecret();
    if (!secret) return unauthenticated("This app issues no API keys: INTEGRY_API_KEY_SECRET is unset.");
    const header = request.headers.get("authorization");
    const key = header === null ? undefined : (/^Bearer +(\S+)$/i.exec(header)?.[1] ?? "");
    // Revoking a user or their account refuses their keys, as it ends their sessions (the key names both).
    const { revokedIds } = getAuthSettings();
    const verdict = await verifyApiKey(key, { secret, deploymentId, isRevoked: (id) => revokedIds.has(id) });
    if (!verdict.ok) return unauthenticated(API_KEY_FAILURE_MESSAGES[verdict.reason]);
    const name = nameOf(verdict.identity, scope, sandbox);
    return Response.json({ userId: verdict.identity, name }, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

const methodNotAllowed = methodNotAllowedHandler(NO_STORE);

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
