import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { integryCredentials } from "@/lib/integry/server/params";
import { integryApiOptions } from "@/lib/integry/server/rest-request";
import { listConnectedApps, type IntegryApp } from "@/lib/rooms/connected-apps/api";

/** Asks Integry's REST API with the same identity and hash the embed gets. */
export async function loadConnectedApps(user: SessionUser): Promise<IntegryApp[]> {
  const config = getIntegryConfig();
  return listConnectedApps(integryCredentials(user, config), await integryApiOptions(config));
}
