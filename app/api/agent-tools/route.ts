import { getSessionUser } from "@/lib/auth/session";
import { AppError, NO_STORE } from "@/lib/errors";
import { integryErrorResponse } from "@/lib/integry/server/rest-error";
import { loadAgentTools } from "@/lib/rooms/agent-tools/tools";

export const dynamic = "force-dynamic";

/** The signed-in user's connected apps' functions, as tools for an AI model: what your own agent backend passes on. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to see your tools.");
    return Response.json({ tools: await loadAgentTools(user) }, { headers: NO_STORE });
  } catch (error) {
    return integryErrorResponse(error, NO_STORE);
  }
}
