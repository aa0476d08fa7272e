import { getSessionUser } from "@/lib/auth/session";
import { AppError, errorResponse } from "@/lib/errors";
import { IntegryApiError } from "@/lib/integry/api";
import { loadConnectedApps } from "@/lib/integry/connected-apps";

// Per user, from Integry's answer of the moment: never cached anywhere.
const NO_STORE = { "Cache-Control": "private, no-store" };

export const dynamic = "force-dynamic";

/** The signed-in identity's connected apps as JSON: for your own UI, feature gates or support tools. */
export async function GET(): Promise<Response> {
  try {
    const user = await getSessionUser();
    if (!user) throw new AppError("unauthenticated", "Sign in to see your connected apps.");
    return Response.json({ apps: await loadConnectedApps(user) }, { headers: NO_STORE });
  } catch (error) {
    if (error instanceof IntegryApiError) {
      return Response.json(
        { error: { code: `integry_${error.kind}`, message: error.message } },
        { status: 502, headers: NO_STORE },
      );
    }
    return errorResponse(error, NO_STORE);
  }
}
