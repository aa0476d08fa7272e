import { getSessionUser } from "@/lib/auth/session";
import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { IntegryApiError } from "@/lib/integry/server/rest-error";
import { loadAgentTools } from "@/lib/rooms/agent-tools/tools";

export const dynamic = "force-dynamic";

/** The signed-in user's connected apps' functions, as tools for an AI model: what your own agent backend passes on. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to see your tools.");
    return Response.json({ tools: await loadAgentTools(user) }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof IntegryApiError) {
      return Response.json(
        { error: { code: `integry_${error.code}`, message: error.message } },
        { status: 502, headers: NO_STORE },
      );
    }
    return errorResponse(error, NO_STORE);
  }
}
