import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { tokenRequestContext } from "@/lib/rooms/agent-tools/token-requests";
import { revokeToken } from "@/lib/rooms/agent-tools/tokens";

export const dynamic = "force-dynamic";

/** Revokes one of the session user's tokens: the next MCP request with it gets 401. */
export async function DELETE(
  request: Request,
  { params }: RouteContext<"/api/agent-tools/tokens/[id]">,
): Promise<Response> {
  try {
    const { user, db } = await tokenRequestContext(request);
    const id = Number((await params).id);
    if (!Number.isSafeInteger(id) || !(await revokeToken(db, user, id))) {
      throw new AppError("not_found", "You have no live token with that ID.");
    }
    return new Response(null, { status: 204, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
