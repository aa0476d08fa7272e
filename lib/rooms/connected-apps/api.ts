import "server-only";

import { parseIntegryAppsPage, type IntegryApp } from "@/lib/rooms/connected-apps/api-app-shape";
import { IntegryApiError } from "@/lib/integry/server/rest-error";
import { callIntegryApi, type IntegryApiCredentials, type IntegryApiOptions } from "@/lib/integry/server/rest-request";

export type { IntegryApp, IntegryConnectedAccount } from "@/lib/rooms/connected-apps/api-app-shape";
export { IntegryApiError, type IntegryApiErrorCode } from "@/lib/integry/server/rest-error";
export type { IntegryApiCredentials, IntegryApiOptions } from "@/lib/integry/server/rest-request";

// 20 pages of 50 is far past any real user; beyond that, fail rather than return a list that reads as "not connected".
export const MAX_APP_PAGES = 20;

export async function listConnectedApps(
  credentials: IntegryApiCredentials,
  options: IntegryApiOptions,
): Promise<IntegryApp[]> {
  const apps: IntegryApp[] = [];
  const cursorsSeen = new Set<string>();
  let cursor: string | undefined;
  for (let page = 1; page <= MAX_APP_PAGES; page++) {
    // The query form is what Integry's docs and Node library use; its Python library sends the body form.
    const query: Record<string, string> = { connected_only: "true" };
    if (cursor) query._cursor = cursor;
    const answer = await callIntegryApi(
      {
        path: "/apps/list/",
        query,
        body: cursor ? { _cursor: cursor } : {},
        subject: "apps list at this base URL: check the API base URL",
      },
      credentials,
      options,
    );
    const { apps: pageApps, cursor: next } = parseIntegryAppsPage(answer);
    apps.push(...pageApps);
    if (next === undefined) return apps;
    if (cursorsSeen.has(next)) {
      throw new IntegryApiError("malformed", "Integry repeated a page cursor: the listing would never end.");
    }
    cursorsSeen.add(next);
    cursor = next;
  }
  throw new IntegryApiError(
    "too_many_pages",
    `Integry listed more than ${MAX_APP_PAGES} pages of connected apps; stopped there to bound the request.`,
  );
}
