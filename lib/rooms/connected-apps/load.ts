import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { INTEGRY_STAND_IN } from "@/lib/room";
import { getIntegryConfig, type IntegryConfig } from "@/lib/integry/server/config";
import { integryCredentials } from "@/lib/integry/server/params";
import {
  INTEGRY_API_BASE_URL,
  listConnectedApps,
  type IntegryApiOptions,
  type IntegryApp,
} from "@/lib/rooms/connected-apps/api";
import { getIntegryApiBaseUrl } from "@/lib/rooms/connected-apps/settings";

async function apiOptions(config: IntegryConfig): Promise<IntegryApiOptions> {
  const baseUrl = getIntegryApiBaseUrl();
  if (baseUrl) return { baseUrl };
  // The sandbox answers in this process: no request from the server to itself, which no host guarantees.
  if (config.sandbox && INTEGRY_STAND_IN) return (await INTEGRY_STAND_IN.connect()).restApi(config);
  return { baseUrl: INTEGRY_API_BASE_URL };
}

/** Asks Integry's REST API with the same identity and hash the embed gets. */
export async function loadConnectedApps(user: SessionUser): Promise<IntegryApp[]> {
  const config = getIntegryConfig();
  return listConnectedApps(integryCredentials(user, config), await apiOptions(config));
}
