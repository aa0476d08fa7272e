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
}

export type SandboxEndpoint = (context: SandboxContext) => Response | Promise<Response>;
