import "server-only";

import { parseIntegryAppsPage, type IntegryApp } from "@/lib/rooms/connected-apps/api-app-shape";
import { listAllPages, type IntegryApiCredentials, type IntegryApiOptions } from "@/lib/integry/server/rest-request";

export type { IntegryApp, IntegryConnectedAccount } from "@/lib/rooms/connected-apps/api-app-shape";
export { IntegryApiError, type IntegryApiErrorCode } from "@/lib/integry/server/rest-error";
export type { IntegryApiCredentials, IntegryApiOptions } from "@/lib/integry/server/rest-request";

// 20 pages of 50 is far past any real user; beyond that, fail rather than return a list that reads as "not connected".
export const MAX_APP_PAGES = 20;

export function listConnectedApps(
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
): Promise<IntegryApp[]> {
  return listAllPages(
    {
      call: {
        path: "/apps/list/",
        query: { connected_only: "true" },
        subject: "apps list at this base URL: check the API base URL",
      },
      parsePage: (answer) => {
        const { apps, cursor } = parseIntegryAppsPage(answer);
        return { items: apps, next: cursor };
      },
      maxPages: MAX_APP_PAGES,
      what: "connected apps",
    },
    credentials,
    options,
  );
}
