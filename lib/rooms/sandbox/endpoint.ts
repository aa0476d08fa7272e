import type { IntegryConfig } from "@/lib/integry/server/config";
import type { SandboxStore } from "@/lib/rooms/sandbox/store";

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
