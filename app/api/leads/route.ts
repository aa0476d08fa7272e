import { readBoundedJson } from "@/lib/bounded-body";
import { errorResponse, NO_STORE } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/same-origin";
import { createLead } from "@/lib/rooms/flows/leads";
import { flowRequestContext } from "@/lib/rooms/flows/request-context";
import { callbackTransport } from "@/lib/rooms/flows/transport";

export const dynamic = "force-dynamic";

const MAX_LEAD_BYTES = 4 * 1024;

/** A new lead, for the session's identity: each of its active flows with a webhook trigger gets it once. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const { config, identity, db } = await flowRequestContext();
    const body = await readBoundedJson(request, MAX_LEAD_BYTES);
    const created = await createLead(db, identity, await callbackTransport(config), body);
    return Response.json(created, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
