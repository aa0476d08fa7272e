import { getSessionUser } from "@/lib/auth/session";
import { AppError, errorResponse, PRIVATE_NO_STORE } from "@/lib/errors";
import { IntegryApiError } from "@/lib/optional/connected-apps/api";
import { loadConnectedApps } from "@/lib/optional/connected-apps/load";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to see your connected apps.");
    return Response.json({ apps: await loadConnectedApps(user) }, { headers: PRIVATE_NO_STORE });
  } catch (error) {
    if (error instanceof IntegryApiError) {
      return Response.json(
        { error: { code: `integry_${error.kind}`, message: error.message } },
        { status: 502, headers: PRIVATE_NO_STORE },
      );
    }
    return errorResponse(error, PRIVATE_NO_STORE);
  }
}
