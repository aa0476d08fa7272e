import { getSessionUser } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { AppError, errorResponse, methodNotAllowedHandler, NO_STORE } from "@/lib/errors";
import { buildIntegryParams } from "@/lib/integry/server/params";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to load your integrations.");
    const params = await buildIntegryParams(user, getIntegryConfig());
    return Response.json(params, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

const methodNotAllowed = methodNotAllowedHandler(NO_STORE);

export { methodNotAllowed as POST, methodNotAllowed as PUT, methodNotAllowed as PATCH, methodNotAllowed as DELETE };
