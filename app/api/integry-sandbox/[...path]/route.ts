import { AppError, errorResponse } from "@/lib/errors";
import { getIntegryConfig, type IntegryConfig } from "@/lib/integry/config";
import { handleSandboxRequest } from "@/lib/integry-sandbox/handler";
import { NO_STORE } from "@/lib/integry-sandbox/http";

export const dynamic = "force-dynamic";

interface SandboxRouteContext {
  params: Promise<{ path: string[] }>;
}

function sandboxConfig(): IntegryConfig {
  const config = getIntegryConfig();
  if (!config.sandbox) {
    throw new AppError("not_found", "The Integry sandbox is off: real Integry credentials are configured.");
  }
  return config;
}

async function sandbox(request: Request, { params }: SandboxRouteContext): Promise<Response> {
  try {
    return await handleSandboxRequest(request, (await params).path, sandboxConfig());
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

// The SDK calls the sandbox from the app's own origin, so no CORS headers; a preflight still gets an answer.
function preflight(): Response {
  try {
    sandboxConfig();
    return new Response(null, { status: 204, headers: { ...NO_STORE, Allow: "GET, POST, PUT, DELETE, OPTIONS" } });
  } catch (error) {
    return errorResponse(error, NO_STORE);
  }
}

export { sandbox as GET, sandbox as POST, sandbox as PUT, sandbox as DELETE, preflight as OPTIONS };
