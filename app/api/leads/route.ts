import { readBoundedJson } from "@/lib/bounded-body";
import { errorResponse, PRIVATE_NO_STORE } from "@/lib/errors";
import { createLead } from "@/lib/optional/flow-delivery/leads";
import { flowRequestContext } from "@/lib/optional/flow-delivery/request-context";
import { callbackTransport } from "@/lib/optional/flow-delivery/transport";

export const dynamic = "force-dynamic";

const MAX_LEAD_BYTES = 4 * 1024;

/** A new lead, for the session's identity: each of its active flows with a webhook trigger gets it once. */
export async function POST(request: Request): Promise<Response> {
  try {
    const { config, identity, db } = await flowRequestContext();
    const body = await readBoundedJson(request, MAX_LEAD_BYTES);
    const created = await createLead(db, identity, await callbackTransport(config), body);
    return Response.json(created, { status: 202, headers: PRIVATE_NO_STORE });
  } catch (error) {
    return errorResponse(error, PRIVATE_NO_STORE);
  }
}
