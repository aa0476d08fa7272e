import type { IntegryConfig } from "@/lib/integry/config";
import type { SandboxStore } from "@/lib/integry-sandbox/store";

/** What an authenticated sandbox endpoint gets: the caller is already checked. */
export interface SandboxContext {
  request: Request;
  url: URL;
  config: IntegryConfig;
  store: SandboxStore;
  userId: string;
  /** The numeric ID from the path; 0 when the route has none. */
  id: number;
  /** How the sandbox calls the app's own API to check a `self_api_key` (see self-api-key.ts). */
  selfApiFetch: typeof fetch;
}

export type SandboxEndpoint = (context: SandboxContext) => Response | Promise<Response>;
