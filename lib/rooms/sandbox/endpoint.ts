import type { IntegryConfig } from "@/lib/integry/server/config";
import type { SandboxStore, SavedIntegration } from "@/lib/rooms/sandbox/store";

export interface SandboxContext {
  request: Request;
  url: URL;
  config: IntegryConfig;
  store: SandboxStore;
  userId: string;
  id: number;
  selfApiFetch: typeof fetch;
}

export type SandboxEndpoint = (context: SandboxContext) => Response | Promise<Response>;

/** Who called the REST API, hash checked, and their saved integrations, which decide the apps they have connected. */
export interface RestApiCaller {
  userId: string;
  saved: readonly SavedIntegration[];
}
