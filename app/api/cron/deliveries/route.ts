import { getAppDatabase } from "@/lib/db/client";
import { getCronSecret, getIntegryConfig } from "@/lib/env";
import { AppError, errorResponse } from "@/lib/errors";
import { constantTimeEqual } from "@/lib/integry/server/hash";
import { deliverDue } from "@/lib/optional/flow-delivery/deliver";
import { callbackTransport } from "@/lib/optional/flow-delivery/transport";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** Retries what is due: Vercel Cron calls it (vercel.json) with `Authorization: Bearer $CRON_SECRET`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const secret = getCronSecret();
    // Unset is a choice (retries by hand only), not a misconfiguration: the route then refuses everyone.
    if (!secret) throw new AppError("unauthenticated", "CRON_SECRET is unset: this route runs for no one.");
    if (!constantTimeEqual(`Bearer ${secret}`, request.headers.get("authorization") ?? "")) {
      throw new AppError("unauthenticated", "Send Authorization: Bearer <CRON_SECRET>.");
    }
    const { send } = await callbackTransport(getIntegryConfig());
    const outcomes = await deliverDue(await getAppDatabase(), { send, limit: 50 });
    const count = (status: string) => outcomes.filter((outcome) => outcome.status === status).length;
    const summary = { attempted: outcomes.length, delivered: count("delivered"), failed: count("failed") };
    return Response.json(summary, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
