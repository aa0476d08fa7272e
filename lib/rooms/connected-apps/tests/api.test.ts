import { describe, expect, it } from "vitest";

import { listConnectedApps } from "@/lib/rooms/connected-apps/api";

import { CREDENTIALS, errorOf, fakeIntegryPerTest } from "./fake-integry";

const AUTH_QUERY = `app_key=test-app-key-7f3a&user_id=user-42&hash=${CREDENTIALS.hash}`;

const SLACK = {
  id: 491,
  name: "slack",
  title: "Slack",
  icon_url: "https://icons.example/slack.png",
  docs_url: "",
  connected_accounts: [{ id: 247714, display_name: "ops@acme.test", modified_at: "2024-11-10T23:28:58Z" }],
};
const SHEETS = {
  ...SLACK,
  id: 12,
  name: "google-sheets",
  title: "Google Sheets",
  docs_url: null,
  connected_accounts: [],
};

const serve = fakeIntegryPerTest();

describe("listConnectedApps", () => {
  it("POSTs {} with the credentials as headers and as query parameters", async () => {
    const { options, requests } = await serve(() => ({ status: 200, body: { apps: [] } }));
    expect(
      await listConnectedApps(CREDENTIALS, { ...options, baseUrl: `${options.baseUrl}/api/sandbox/rest/` }),
    ).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      method: "POST",
      target: `/api/sandbox/rest/apps/list/?connected_only=true&${AUTH_QUERY}`,
      body: "{}",
      headers: {
        "app-key": "test-app-key-7f3a",
        "user-id": "user-42",
        hash: CREDENTIALS.hash,
        "content-type": "application/json",
        accept: "application/json",
      },
    });
  });

  it("follows _cursor across three pages and maps each app to camelCase", async () => {
    const pages = [
      { apps: [SLACK], _cursor: "b2Zmc2V0OjE" },
      { apps: [SHEETS], _cursor: "b2Zmc2V0OjI" },
      { apps: [{ ...SLACK, id: 16, name: "trello", title: "Trello" }], _cursor: null },
    ];
    const { options, requests } = await serve((_, index) => ({ status: 200, body: pages[index] }));
    const apps = await listConnectedApps(CREDENTIALS, options);
    expect(apps.map((app) => app.name)).toEqual(["slack", "google-sheets", "trello"]);
    expect(apps[0]).toEqual({
      id: 491,
      name: "slack",
      title: "Slack",
      iconUrl: "https://icons.example/slack.png",
      docsUrl: "",
      connectedAccounts: [{ id: 247714, displayName: "ops@acme.test", modifiedAt: "2024-11-10T23:28:58Z" }],
    });
    expect(apps[1]).toMatchObject({ docsUrl: "", connectedAccounts: [] });
    expect(requests.map((request) => [request.target, request.body])).toEqual([
      [`/apps/list/?connected_only=true&${AUTH_QUERY}`, "{}"],
      [`/apps/list/?connected_only=true&_cursor=b2Zmc2V0OjE&${AUTH_QUERY}`, '{"_cursor":"b2Zmc2V0OjE"}'],
      [`/apps/list/?connected_only=true&_cursor=b2Zmc2V0OjI&${AUTH_QUERY}`, '{"_cursor":"b2Zmc2V0OjI"}'],
    ]);
  });

  it("stops after 20 pages with a too_many_pages error instead of a partial list", async () => {
    const { options, requests } = await serve((_, index) => ({
      status: 200,
      body: { apps: [SHEETS], _cursor: `page-${index + 1}` },
    }));
    const error = await errorOf(listConnectedApps(CREDENTIALS, options));
    expect(error.code).toBe("too_many_pages");
    expect(error.message).toBe(
      "Integry listed more than 20 pages of connected apps; stopped there to bound the request.",
    );
    expect(requests).toHaveLength(20);
  });

  it("fails as malformed when a cursor comes back twice, instead of looping", async () => {
    const { options, requests } = await serve(() => ({ status: 200, body: { apps: [], _cursor: "same" } }));
    const error = await errorOf(listConnectedApps(CREDENTIALS, options));
    expect([error.code, error.message]).toEqual([
      "malformed",
      "Integry repeated a page cursor: the listing would never end.",
    ]);
    expect(requests).toHaveLength(2);
  });
});

describe("credentials a header cannot carry", () => {
  it.each(["josé", "用户-1", "user 1 ", "user\n1", ""])("refuses the user ID %j before sending", async (userId) => {
    const { options, requests } = await serve(() => ({ status: 200, body: { apps: [] } }));
    const error = await errorOf(listConnectedApps({ ...CREDENTIALS, userId }, options));
    expect(error.code).toBe("invalid_credentials");
    expect(error.message).toBe(
      "The Integry user ID is empty or has characters the User-ID header cannot carry (only visible ASCII, no edge " +
        "spaces): Integry's REST API documents no encoding for others, so use ASCII IDs such as database keys.",
    );
    expect(requests).toEqual([]);
  });
});
