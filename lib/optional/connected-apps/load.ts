import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/env";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { integryCredentials } from "@/lib/integry/server/params";
import {
  INTEGRY_API_BASE_URL,
  listConnectedApps,
  type IntegryApiOptions,
  type IntegryApp,
} from "@/lib/optional/connected-apps/api";

async function apiOptions(config: IntegryConfig): Promise<IntegryApiOptions> {
  if (config.apiBaseUrl) return { baseUrl: config.apiBaseUrl };
  // Imported only when on, so the real-mode page never loads the sandbox; this line is its one hook-in here.
  if (config.sandbox) return (await import("@/lib/optional/sandbox/in-process-fetch")).sandboxRestApi(config);
  return { baseUrl: INTEGRY_API_BASE_URL };
}

/** Asks Integry's REST API with the same identity and hash the embed gets. */
export async function loadConnectedApps(user: SessionUser): Promise<IntegryApp[]> {
  const config = getIntegryConfig();
  return listConnectedApps(integryCredentials(user, config), await apiOptions(config));
}
