import "server-only";

import type { SessionUser } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/env";
import {
  INTEGRY_API_BASE_URL,
  listConnectedApps,
  type IntegryApiOptions,
  type IntegryApp,
} from "@/lib/optional/connected-apps/api";
import type { IntegryConfig } from "@/lib/integry/server/config";
import { integryCredentials } from "@/lib/integry/server/params";
import { sandboxFetch, SANDBOX_REST_BASE_URL } from "@/lib/optional/sandbox/in-process-fetch";

function apiOptions(config: IntegryConfig): IntegryApiOptions {
  if (config.apiBaseUrl) return { baseUrl: config.apiBaseUrl };
  return config.sandbox
    ? { baseUrl: SANDBOX_REST_BASE_URL, fetch: sandboxFetch(config) }
    : { baseUrl: INTEGRY_API_BASE_URL };
}

/** Asks Integry's REST API with the same identity and hash the embed gets. */
export async function loadConnectedApps(user: SessionUser): Promise<IntegryApp[]> {
  const config = getIntegryConfig();
  return listConnectedApps(integryCredentials(user, config), apiOptions(config));
}
