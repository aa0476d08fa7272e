import { AppError, errorResponse, NO_STORE } from "@/lib/errors";
import { getIntegryConfig, type IntegryConfig } from "@/lib/integry/server/config";
import { handleSandboxRequest } from "@/lib/rooms/sandbox/handler";

export const dynamic = "force-dynamic";

interface SandboxRouteContext {
  params: Promise<{ path: string[] }>;
}

function sandboxConfig(): IntegryConfig | undefined {
  try {
    const config = getIntegryConfig();
    return config.sandbox ? config : undefined;
  } catch {
    return undefined;
  }
}

const notFound = () =>
  errorResponse(new AppError("not_found", "The Integry sandbox is off: INTEGRY_SANDBOX=true serves it."), NO_STORE);

async function sandbox(request: Request, { params }: SandboxRouteContext): Promise<Response> {
  const config = sandboxConfig();
  if (!config) return notFound();
  try {
    return await handleSandboxRequest(request, (await params).path, config);
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

// The SDK calls the sandbox from the app's own origin, so no CORS headers; a preflight still gets an answer.
function preflight(): Response {
  if (!sandboxConfig()) return notFound();
  return new Response(null, { status: 204, headers: { ...NO_STORE, Allow: "GET, POST, PUT, DELETE, OPTIONS" } });
}

export { sandbox as GET, sandbox as POST, sandbox as PUT, sandbox as DELETE, preflight as OPTIONS };
