import type { IntegryConfig } from "@/lib/integry/server/config";
import type { SandboxConnectedAccount, SandboxStore, SavedIntegration } from "@/lib/rooms/sandbox/store";

export interface SandboxContext {
  request: Request;
  url: URL;
  config: IntegryConfig;
  store: SandboxStore;
  userId: string;
  /** The caller's hash, already checked against `userId`. */
  hash: string;
  id: number;
  /** The route's ID as given, for routes that name an app rather than number a record. */
  name: string;
  selfApiFetch: typeof fetch;
}

export type SandboxEndpoint = (context: SandboxContext) => Response | Promise<Response>;

/** Who called, hash checked, with what decides the apps they have connected: their accounts and saved flows. */
export interface RestApiCaller {
  appKey: string;
  userId: string;
  hash: string;
  accounts: readonly SandboxConnectedAccount[];
  saved: readonly SavedIntegration[];
}
