import { getSessionUser } from "@/lib/auth/session";
import { getApiKeySecret, getIntegryConfig } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { buildIntegryParams } from "@/lib/integry/params";

// The hash and the API key are per user: no shared cache, CDN or browser back/forward cache may keep it.
const NO_STORE = { "Cache-Control": "private, no-store" };

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to load your integrations.");
    const params = await buildIntegryParams(user, getIntegryConfig(), { apiKeySecret: getApiKeySecret() });
    return Response.json(params, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

function methodNotAllowed(): Response {
  return errorResponse(new AppError("method_not_allowed", "Use GET."), { ...NO_STORE, Allow: "GET" });
}

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
