import { getSessionUser } from "@/lib/auth/session";
import { AppError, NO_STORE } from "@/lib/errors";
import { integryErrorResponse } from "@/lib/integry/server/rest-error";
import { loadConnectedApps } from "@/lib/rooms/connected-apps/load";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to see your connected apps.");
    return Response.json({ apps: await loadConnectedApps(user) }, { headers: NO_STORE });
  } catch (error) {
    return integryErrorResponse(error, NO_STORE);
  }
}
