import { after } from "next/server";

import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { assertSameOrigin } from "@/lib/same-origin";
import { deliverSoon } from "@/lib/rooms/flows/deliver";
import { retryDelivery } from "@/lib/rooms/flows/delivery-log";
import { flowRequestContext } from "@/lib/rooms/flows/request-context";
import { callbackTransport } from "@/lib/rooms/flows/transport";

export const dynamic = "force-dynamic";

/** A failed delivery of the session's identity, sent again from its first attempt. */
export async function POST(
  request: Request,
  { params }: RouteContext<"/api/deliveries/[id]/retry">,
): Promise<Response> {
  try {
    assertSameOrigin(request);
    const { config, identity, db } = await flowRequestContext();
    const id = Number((await params).id);
    if (!Number.isSafeInteger(id) || !(await retryDelivery(db, identity, id))) {
      throw new AppError("not_found", "You have no failed delivery with that ID.");
    }
    const { send } = await callbackTransport(config);
    after(() => deliverSoon(db, [id], { send }));
    return Response.json({ id, status: "pending" }, { status: 202, headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
