import { readBoundedJson } from "@/lib/bounded-body";
import { errorResponse, NO_STORE } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/same-origin";
import { integrationsShown, recordIntegrationReport } from "@/lib/rooms/flows/reports";
import { flowRequestContext } from "@/lib/rooms/flows/request-context";
import { callbackTransport } from "@/lib/rooms/flows/transport";

export const dynamic = "force-dynamic";

// An SDK event is a few hundred bytes; a callback URL is at most 2 KB.
const MAX_REPORT_BYTES = 8 * 1024;

/** The embed reports each save, enable, disable and delete here, for the session's identity only. */
export async function POST(request: Request): Promise<Response> {
  try {
    assertSameOrigin(request);
    const { config, identity, db } = await flowRequestContext();
    const body = await readBoundedJson(request, MAX_REPORT_BYTES);
    await recordIntegrationReport(db, identity, await callbackTransport(config), body);
    return Response.json({ integrations: await integrationsShown(db, identity) }, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

export async function GET(): Promise<Response> {
  try {
    const { identity, db } = await flowRequestContext();
    return Response.json({ integrations: await integrationsShown(db, identity) }, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
