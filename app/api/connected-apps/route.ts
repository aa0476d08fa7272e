import { getSessionUser } from "@/lib/auth/session";
import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { IntegryApiError } from "@/lib/rooms/connected-apps/api";
import { loadConnectedApps } from "@/lib/rooms/connected-apps/load";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to see your connected apps.");
    return Response.json({ apps: await loadConnectedApps(user) }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof IntegryApiError) {
      return Response.json(
        { error: { code: `integry_${error.code}`, message: error.message } },
        { status: 502, headers: NO_STORE },
      );
    }
    return errorResponse(error, NO_STORE);
  }
}
