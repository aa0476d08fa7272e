import { getCronSecret } from "@/lib/cron-secret";
import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { constantTimeEqual } from "@/lib/integry/server/hash";
import { ROOMS } from "@/lib/room";

export const dynamic = "force-dynamic";
// Seconds: what every Vercel plan allows a function; each room's work stops well before (the flows' at 40 s).
export const maxDuration = 60;

/** Each room's scheduled work (the flows' retries): Vercel Cron calls it (vercel.json) with `Authorization: Bearer $CRON_SECRET`. */
export async function GET(request: Request): Promise<Response> {
  try {
    const secret = getCronSecret();
    // Unset is a choice (retries by hand only): the route then refuses everyone, and says no more than to a wrong one.
    if (!secret || !constantTimeEqual(`Bearer ${secret}`, request.headers.get("authorization") ?? "")) {
      throw new AppError("unauthenticated", "Send Authorization: Bearer <CRON_SECRET>.");
    }
    const summary: Record<string, Record<string, number>> = {};
    for (const room of ROOMS) if (room.cron) summary[room.name] = await (await room.cron())();
    return Response.json(summary, { headers: NO_STORE });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}
