import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

import { EMBED_THEMES } from "@/lib/integry/shared/embed-options";

import { button, byTestId, type EngineName, type EnginePage } from "../support/engine-page";
import { expect, test } from "../support/engines";
import { startFaultProxy, type Faults } from "../support/fault-proxy";
import {
  appCard,
  connectApp,
  deleteFirstIntegration,
  openAppsView,
  openIntegrations,
  overflows,
  saveSlackFlow,
  signIn,
  waitForLiveEmbed,
} from "../support/pages";
import { MAIN, withSandboxServer } from "../support/servers";

// The journeys every engine must pass: Chromium, Firefox and WebKit run this file unchanged.

/** Ports of their own per engine, since the engines' projects run side by side. */
function portFor(engine: EngineName, slot: number): number {
  return { chromium: 3160, firefox: 3170, webkit: 3180 }[engine] + slot;
}

/** Signs in on the main server, then opens /integrations through a proxy that breaks what `faults` names. */
async function openThroughFaults(page: EnginePage, engine: EngineName, faults: Faults) {
  const proxy = await startFaultProxy(portFor(engine, 5), MAIN.port, faults);
  await signIn(page, "Carol");
  await page.goto(`${proxy.url}/integrations`);
  return proxy;
}

/** The SDK's own verify requests (constructor and init()) as each engine's network sends them: WebKit sends one. */
const SDK_VERIFY_REQUESTS: Record<EngineName, number> = { chromium: 2, firefox: 2, webkit: 1 };

const errorTitles = {
  rejected: "Integry rejected the embed's credentials",
  unavailable: "Integry is having trouble",
  unreachable: "Integry could not be reached",
};

test("sign in, set up a flow, see its app in the panel with no reload, and delete it", async ({ openPage, engine }) => {
  await withSandboxServer(portFor(engine, 0), {}, async (server) => {
    const page = await openPage(server.url);
    await openIntegrations(page, "Bob");
    await page.expectCount(byTestId("embed-error"), 0);
    await page.waitFor(byTestId("connected-apps-empty"));
    await page.evaluate(() => void Object.assign(window, { notReloaded: true }));

    await saveSlackFlow(page);
    await page.waitFor(byTestId("connected-app-slack", "Slack account of"));

    await deleteFirstIntegration(page);
    await page.expectCount(byTestId("connected-app-slack"), 0);
    await page.waitFor(byTestId("connected-apps-empty"));
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });
});

test("set up in the embed, a new lead in the app runs the flow once at Integry (the sandbox)", async ({
  openPage,
  engine,
}) => {
  await withSandboxServer(portFor(engine, 2), {}, async (server) => {
    const page = await openPage(server.url);
    await openIntegrations(page, "Alice");
    await saveSlackFlow(page);
    // The embed reported the integration's callback URL: the server now knows where to send.
    await page.waitFor({ css: '[data-testid^="flow-integration-"][data-status="active"]' });
    await page.type({ css: 'input[name="name"]' }, "Dana Scully");
    await page.type({ css: 'input[name="email"]' }, "dana@example.test");
    await page.click(button("New lead"));
    await page.waitFor(byTestId("sandbox-run", "Dana Scully"), 20_000);
    await page.expectCount(byTestId("sandbox-run"), 1);
  });
});

test("a live embed shows no alert, and the page sends no verification of its own", async ({ openPage, engine }) => {
  const page = await openPage();
  const proxy = await openThroughFaults(page, engine, {});
  try {
    await waitForLiveEmbed(page);
    await page.waitFor(byTestId("integry-container", "Send new leads to Slack"));
    // The SDK polls the flows again 5 s after mounting: by then a needless probe would have gone out.
    await page.until("the SDK's second poll of the flows", () =>
      page.evaluate(
        () =>
          performance.getEntriesByType("resource").filter((entry) => entry.name.includes("/api/v1/sdk/flows/"))
            .length >= 2,
      ),
    );
    await page.expectCount(byTestId("embed-error"), 0, 0);
    expect(proxy.verifyRequests()).toBe(SDK_VERIFY_REQUESTS[engine]);
  } finally {
    await proxy.stop();
  }
});

test("a wrong hash gives the rejected state", async ({ openPage, engine }) => {
  const page = await openPage();
  const proxy = await openThroughFaults(page, engine, { tamperHash: true });
  try {
    await page.waitFor(byTestId("embed-error", errorTitles.rejected), 20_000);
    await page.expectCount(byTestId("event-ready"), 0, 0);
    await page.waitFor(button("Retry"));
  } finally {
    await proxy.stop();
  }
});

test("verify-sdk-config answering 503 gives the unavailable state", async ({ openPage, engine }) => {
  const page = await openPage();
  const proxy = await openThroughFaults(page, engine, { verifyStatus: 503 });
  try {
    await page.waitFor(byTestId("embed-error", errorTitles.unavailable), 20_000);
    expect(await page.count(byTestId("embed-error", errorTitles.rejected))).toBe(0);
  } finally {
    await proxy.stop();
  }
});

test("inline mode in the dark theme: the form opens in the page, and the colours reach the SDK", async ({
  openPage,
}) => {
  const page = await openPage();
  await openIntegrations(page, "Alice", "?mode=inline&theme=dark");
  const colours = await page.evaluate(() => {
    const first = (selector: string) => getComputedStyle(document.querySelector(selector)!).backgroundColor;
    return {
      body: first("body"),
      button: first(".integry-container__button--primary"),
      card: first(".integry-container__flows-view > div"),
    };
  });
  const { background, accent, surface } = EMBED_THEMES.dark;
  expect(colours).toEqual({ body: rgb(background), button: rgb(accent), card: rgb(surface) });

  await page.click(button("Setup and enable"));
  await page.waitFor({ css: '[data-testid="integry-container"] #message input' });
  await page.waitFor(byTestId("integry-container", "Post a message to Slack"));
  expect(await page.count({ css: '[role="dialog"]' })).toBe(0);
});

test("at phone size, with an integration saved and a token's configuration shown, nothing is wider than the viewport", async ({
  openPage,
  engine,
}) => {
  await withSandboxServer(portFor(engine, 1), {}, async (server) => {
    const page = await openPage(server.url);
    await openIntegrations(page, "Alice");
    await saveSlackFlow(page);
    await page.waitFor({ css: '[class*="singleFlowInstanceRow"]' });
    await page.click(button("Create token"));
    await page.waitFor(byTestId("new-token"));
    // 390 × 844 is an iPhone; WebKitGTK's MiniBrowser stops at about 447 px, its narrowest.
    await page.resize(390, 844);
    const narrowest = engine === "webkit" ? 460 : 390;
    let width = 0;
    // In Firefox the new viewport can land a moment after the call returns: puppeteer's failed orientation override ends it early.
    const narrowed = async () => (width = await page.evaluate(() => innerWidth)) <= narrowest;
    await page.until(() => `a viewport at most ${narrowest} px wide, not ${width} px`, narrowed, 5_000);
    let found: string[] = [];
    const fits = async () => (found = await overflows(page)).length === 0;
    await page.until(() => `nothing to overflow at ${width} px: ${found.join("; ")}`, fits, 5_000);
    await page.goto("/");
    await page.until(() => `nothing on / to overflow at ${width} px: ${found.join("; ")}`, fits, 5_000);
  });
});

test("after signing out, the hash route answers 401", async ({ openPage }) => {
  const page = await openPage();
  await signIn(page, "Bob");
  await page.waitFor(byTestId("signed-in-as"));
  await page.click(button("Sign out"));
  await page.waitFor({ css: "a", text: "Sign in" });
  expect(await page.evaluate(async () => (await fetch("/api/integry-params")).status)).toBe(401);
});

/** "#8b85ff" → "rgb(139, 133, 255)", the way getComputedStyle reports colours. */
function rgb(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((start) => parseInt(hex.slice(start, start + 2), 16));
  return `rgb(${r}, ${g}, ${b})`;
}

test("connect Slack in the Apps view, give an agent a token, it runs Slack's functions as the user; revoked, 401", async ({
  openPage,
  engine,
}) => {
  await withSandboxServer(portFor(engine, 3), {}, async (server) => {
    const page = await openPage(server.url);
    await openAppsView(page, "Alice");
    // No flow: the app is connected on its own, through the sign-in popup the SDK opens.
    await connectApp(page, "Slack");
    await page.waitFor(byTestId("connected-app-slack", "Slack workspace"));
    await page.type(byTestId("token-name"), "Claude Code");
    await page.click(button("Create token"));
    await page.waitFor(byTestId("new-token", "Claude Code"));
    const config = await page.evaluate(
      () => document.querySelector('[data-testid="new-token"] code')?.textContent ?? "",
    );
    expect(config).toContain(`${server.url}/api/mcp`);
    const token = /intg_pat_[\w-]{43}/.exec(config)?.[0] ?? "no token in the configuration shown";

    // The agent: the MCP SDK's own client, with the header the configuration shows.
    const agent = new Client({ name: "journey-agent", version: "1.0.0" });
    const headers = { Authorization: `Bearer ${token}` };
    await agent.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/api/mcp`), { requestInit: { headers } }),
    );
    expect((await agent.listTools()).tools.map(({ name }) => name)).toContain("slack-post-message");
    const posted = await agent.callTool({ name: "slack-post-message", arguments: { channel: "general", text: "Hi" } });
    expect(posted.isError).toBe(false);
    await agent.close();

    // The user sees what their agent ran, and through which token.
    await page.goto("/integrations?view=apps");
    await page.waitFor(byTestId("agent-calls", "slack-post-message via Claude Code, done"));
    // The SDK lists apps only once the page runs: a Revoke clicked before that would be lost.
    await page.waitFor(appCard("Slack"));

    await page.click(button("Revoke"));
    await page.expectCount(byTestId("agent-tokens"), 0);
    const refused = await fetch(`${server.url}/api/mcp`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(refused.status).toBe(401);
  });
});
