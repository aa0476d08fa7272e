import { errorResponse, NO_STORE } from "@/lib/errors";
import { readTokenName, tokenRequestContext } from "@/lib/rooms/agent-tools/token-requests";
import { createToken, listTokens } from "@/lib/rooms/agent-tools/tokens";

export const dynamic = "force-dynamic";

/** The session user's live personal access tokens, without the tokens themselves. */
export async function GET(request: Request): Promise<Response> {
  try {
    const { user, db } = await tokenRequestContext(request);
    return Response.json({ tokens: await listTokens(db, user) }, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

/** A new token for the MCP endpoint: its only appearance in clear is this answer. */
export async function POST(request: Request): Promise<Response> {
  try {
    const { user, db, deploymentId } = await tokenRequestContext(request);
    const created = await createToken(db, user, deploymentId, await readTokenName(request));
    return Response.json(created, { status: 201, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
