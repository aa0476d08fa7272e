import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { PGlite } from "@electric-sql/pglite";
import { expect, test, type Page } from "@playwright/test";

import { asEnginePage } from "../support/engine-page";
import { deleteFirstIntegration, saveSlackFlow, waitForLiveEmbed } from "../support/pages";
import { withTwoInstancesOnPostgres } from "../support/round-robin-proxy";
import { sandboxEnv, startServer, withSandboxServer } from "../support/servers";
import { openIntegrationsIn, signInDemoUser } from "../support/sessions";

const CRON_SECRET = "e2e-cron-secret-not-for-production-3a9d71";

const panel = (page: Page) => page.getByTestId("flow-delivery");

async function typeLead(page: Page, name: string) {
  await panel(page).getByLabel("Lead's name").fill(name);
  await panel(page)
    .getByLabel("Lead's email")
    .fill(`${name.split(" ")[0]!.toLowerCase()}@example.test`);
  await panel(page).getByLabel("Lead's company").fill("Initech");
  await panel(page).getByRole("button", { name: "New lead" }).click();
  // This lead's own result, not the one before: only then is the form ready for the next.
  await expect(panel(page).getByTestId("lead-result")).toContainText(`Lead “${name}” created`);
}

/** The lead names the sandbox ran a flow with, newest first, once the panel shows its runs. */
async function runsShown(page: Page): Promise<string[]> {
  await expect(panel(page).getByRole("heading", { name: "Runs at the sandbox" })).toBeVisible();
  return panel(page).getByTestId("sandbox-run").locator("strong").allTextContents();
}

async function savedIntegrationId(page: Page): Promise<number> {
  const row = panel(page).locator('[data-testid^="flow-integration-"]');
  await expect(row).toHaveAttribute("data-status", "active");
  return Number((await row.getAttribute("data-testid"))!.replace("flow-integration-", ""));
}

test("a flow set up in the embed runs once for each new lead, and never while disabled or deleted", async ({
  browser,
}) => {
  // Two people's pages, eight page loads and four leads: about 30 s alone, twice that beside the other engines.
  test.setTimeout(120_000);
  await withSandboxServer(3156, { CRON_SECRET }, async (server) => {
    const page = await openIntegrationsIn(browser, server.url, "Alice");
    await saveSlackFlow(asEnginePage(page));
    const integrationId = await savedIntegrationId(page);

    await typeLead(page, "Dana Scully");
    await expect.poll(() => runsShown(page)).toEqual(["Dana Scully"]);
    await expect(panel(page).locator('[data-testid^="delivery-"][data-status="delivered"]')).toHaveCount(1);
    // Under the user scope, Bob's leads never reach Alice's integrations.
    const bob = await openIntegrationsIn(browser, server.url, "Bob");
    await typeLead(bob, "Alex Krycek");
    await expect(panel(bob).getByTestId("lead-result")).toContainText("0 flow(s) to run");

    // What the SDK's toggle reports: the app stops sending at once.
    const report = (event: string) => page.request.post("/api/flow-integrations", { data: { event, integrationId } });
    expect((await report("did-disable-integration")).status()).toBe(200);
    await page.reload();
    await typeLead(page, "Fox Mulder");
    await expect(panel(page).getByTestId("lead-result")).toContainText("0 flow(s) to run");
    await page.reload();
    expect(await runsShown(page)).toEqual(["Dana Scully"]);

    expect((await report("did-enable-integration")).status()).toBe(200);
    await page.reload();
    await typeLead(page, "Walter Skinner");
    await expect.poll(() => runsShown(page)).toEqual(["Walter Skinner", "Dana Scully"]);

    // Deleted in the embed, as a person does: reported by the SDK's own event.
    await waitForLiveEmbed(asEnginePage(page));
    await deleteFirstIntegration(asEnginePage(page));
    await expect(panel(page).locator('[data-testid^="flow-integration-"]')).toHaveCount(0);
    await typeLead(page, "Monica Reyes");
    await expect(panel(page).getByTestId("lead-result")).toContainText("0 flow(s) to run");
    await page.reload();
    expect(await runsShown(page)).toEqual(["Walter Skinner", "Dana Scully"]);
  });
});

test("under the account scope, one member's flow runs for every member's leads, never another account's", async ({
  browser,
}) => {
  await withSandboxServer(3159, { INTEGRY_SCOPE: "account" }, async (server) => {
    const alice = await openIntegrationsIn(browser, server.url, "Alice");
    await saveSlackFlow(asEnginePage(alice));
    await savedIntegrationId(alice);
    const bob = await openIntegrationsIn(browser, server.url, "Bob");
    await typeLead(bob, "Jeffrey Spender");
    await expect(panel(bob).getByTestId("lead-result")).toContainText("1 flow(s) to run");
    await expect.poll(() => runsShown(bob)).toEqual(["Jeffrey Spender"]);
    const carol = await openIntegrationsIn(browser, server.url, "Carol");
    await typeLead(carol, "John Doggett");
    await expect(panel(carol).getByTestId("lead-result")).toContainText("0 flow(s) to run");
    expect(await runsShown(carol)).toEqual([]);
  });
});

test("on a real Postgres shared by two instances, a flow set up through one runs once for a lead taken by either", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [first, second] = [3201, 3202];
  await withTwoInstancesOnPostgres([first, second, 3203], { CRON_SECRET }, async ({ origin, proxy }) => {
    const alice = await openIntegrationsIn(browser, origin, "Alice");
    await saveSlackFlow(asEnginePage(alice));
    await savedIntegrationId(alice);
    // Two leads: with no affinity, the proxy picks which instance takes each and sends its deliveries.
    await typeLead(alice, "Dana Scully");
    await typeLead(alice, "Fox Mulder");
    await expect.poll(() => runsShown(alice)).toEqual(["Fox Mulder", "Dana Scully"]);
    await expect(panel(alice).locator('[data-testid^="delivery-"][data-status="delivered"]')).toHaveCount(2);
    // Either instance's cron finds nothing left, and sends nothing again.
    for (const port of [first, second]) {
      const cron = await alice.request.get(`http://127.0.0.1:${port}/api/cron`, {
        headers: { authorization: `Bearer ${CRON_SECRET}` },
      });
      expect(await cron.json()).toEqual({ flows: { attempted: 0, delivered: 0, failed: 0 } });
    }
    await alice.reload();
    expect(await runsShown(alice)).toEqual(["Fox Mulder", "Dana Scully"]);
    const answered = proxy.answeredBy();
    expect(answered[first]).toBeGreaterThan(5);
    expect(answered[second]).toBeGreaterThan(5);
  });
});

test("a server killed with a delivery in flight loses nothing: after a restart, the cron route sends it once", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  // The default database, on disk: what `npm run dev` or a single `next start` keeps across a crash.
  const folder = mkdtempSync(join(tmpdir(), "crash-pglite-"));
  const port = 3144;
  const url = `http://127.0.0.1:${port}`;
  const env = sandboxEnv(url, { CRON_SECRET, PGLITE_DATA_DIR: folder });
  let server = await startServer(port, env);
  try {
    const page = await openIntegrationsIn(browser, url, "Alice");
    await saveSlackFlow(asEnginePage(page));
    const integrationId = await savedIntegrationId(page);
    const { appKey, hash, userId } = await (await page.request.get("/api/integry-params")).json();
    const auth = new URLSearchParams({ app_key: appKey, hash, user_id: userId });
    const hang = await page.request.post(
      `/api/sandbox/callbacks/${integrationId}/fail-next?count=1&failure=timeout&${auth}`,
    );
    expect(hang.status()).toBe(200);

    await typeLead(page, "Lone Gunman");
    const delivery = panel(page).locator('[data-testid^="delivery-"]');
    // Claimed, its POST sent and unanswered (the sandbox holds it for up to the attempt's 10 s): the moment to crash.
    await expect
      .poll(async () => {
        await page.reload();
        return delivery.textContent();
      })
      .toMatch(/pending, 1 attempt\(s\)$/);
    await server.kill();
    server = await startServer(port, env);

    const callCron = () => page.request.get("/api/cron", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
    const cron = async () => (await callCron()).json();
    // The dead server's lock on the folder goes stale within 10 s; until then the database answers 503.
    await expect.poll(async () => (await callCron()).status(), { timeout: 30_000, intervals: [1_000] }).toBe(200);
    // The dead worker's claim still holds: no one sends while it might have been sending.
    expect(await cron()).toEqual({ flows: { attempted: 0, delivered: 0, failed: 0 } });
    await expect
      .poll(cron, { timeout: 60_000, intervals: [2_000] })
      .toEqual({ flows: { attempted: 1, delivered: 1, failed: 0 } });
    await page.reload();
    await expect(delivery).toHaveAttribute("data-status", "delivered");
    await expect(delivery).toContainText("2 attempt(s)");
    expect(await runsShown(page)).toEqual(["Lone Gunman"]);
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a callback URL the server must not call is refused with 422 and nothing is stored", async ({ browser }) => {
  await withSandboxServer(3157, {}, async (server) => {
    const alice = await openIntegrationsIn(browser, server.url, "Alice");
    const params = await (await alice.request.get("/api/integry-params")).json();
    const sandboxUrl = (userId: string) =>
      `https://sandbox.invalid/api/sandbox/callbacks/5001?user_id=${encodeURIComponent(userId)}` +
      `&app_key=${params.appKey}&hash=${params.hash}`;
    const refused = [
      "http://127.0.0.1:3157/api/sandbox/callbacks/5001",
      "https://127.0.0.1/api/sandbox/callbacks/5001",
      "https://evil.example/api/sandbox/callbacks/5001",
      "https://hooks.integry.io/callbacks/5001",
      `https://user:pass@sandbox.invalid/api/sandbox/callbacks/5001`,
      sandboxUrl("a3c8e1f5-2d7b-4b9a-9e6f-8c0d2a4b6e03"),
      `${sandboxUrl(params.userId)}&pad=${"x".repeat(2048)}`,
    ];
    for (const callbackUrl of refused) {
      const response = await alice.request.post("/api/flow-integrations", {
        data: { event: "did-save-integration", integrationId: 5001, flowName: "Send new leads to Slack", callbackUrl },
      });
      expect(response.status(), callbackUrl.slice(0, 80)).toBe(422);
      expect((await response.json()).error.code).toBe("invalid_callback_url");
    }
    expect(await (await alice.request.get("/api/flow-integrations")).json()).toEqual({ integrations: [] });

    // An address the browser lets through and the server refuses: the error shows, and what was typed stays.
    await panel(alice).getByLabel("Lead's name").fill("Dana Scully");
    await panel(alice).getByLabel("Lead's email").fill("dana@localhost");
    await panel(alice).getByRole("button", { name: "New lead" }).click();
    await expect(panel(alice).getByRole("alert")).toContainText("email");
    await expect(panel(alice).getByLabel("Lead's name")).toHaveValue("Dana Scully");
    await expect(panel(alice).getByLabel("Lead's email")).toHaveValue("dana@localhost");

    const malformed = await alice.request.post("/api/flow-integrations", { data: { event: "did-save-integration" } });
    expect([malformed.status(), (await malformed.json()).error.code]).toEqual([400, "bad_request"]);
    const anonymous = await (
      await browser.newContext({ baseURL: server.url })
    ).request.post("/api/leads", {
      data: { name: "Nobody", email: "nobody@example.test" },
    });
    expect(anonymous.status()).toBe(401);
  });
});

test("the cron route runs only for CRON_SECRET, and for no one when it is unset", async ({ request }) => {
  await withSandboxServer(3158, { CRON_SECRET }, async (server) => {
    const cron = (authorization?: string) =>
      request.get(`${server.url}/api/cron`, { headers: authorization ? { authorization } : {} });
    expect((await cron()).status()).toBe(401);
    expect((await cron("Bearer wrong-secret")).status()).toBe(401);
    const allowed = await cron(`Bearer ${CRON_SECRET}`);
    expect([allowed.status(), await allowed.json()]).toEqual([
      200,
      { flows: { attempted: 0, delivered: 0, failed: 0 } },
    ]);
  });
  await withSandboxServer(3158, {}, async (server) => {
    const response = await request.get(`${server.url}/api/cron`, {
      headers: { authorization: `Bearer ${CRON_SECRET}` },
    });
    expect(response.status()).toBe(401);
    const body = await response.text();
    // The same answer as to a wrong secret: nothing about how the server is configured.
    expect(JSON.parse(body)).toEqual({
      error: { code: "unauthenticated", message: "Send Authorization: Bearer <CRON_SECRET>." },
    });
    expect(body).not.toContain(CRON_SECRET);
  });
});

test("two servers on one embedded-database folder: the second refuses it with 503, and every 202 is kept", async () => {
  test.setTimeout(120_000);
  const folder = mkdtempSync(join(tmpdir(), "shared-pglite-"));
  const [first, second] = [3204, 3205].map((port) => ({ port, url: `http://127.0.0.1:${port}` }));
  const servers = [await startServer(first!.port, sandboxEnv(first!.url, { PGLITE_DATA_DIR: folder }))];
  try {
    const { cookie } = await signInDemoUser(first!.url, "alice@acme.test");
    // The first server holds the folder once its database is open.
    expect((await fetch(`${first!.url}/api/flow-integrations`, { headers: { cookie } })).status).toBe(200);
    servers.push(await startServer(second!.port, sandboxEnv(second!.url, { PGLITE_DATA_DIR: folder })));

    const answers: { status: number; body: string }[] = [];
    for (let lead = 0; lead < 40; lead++) {
      const { url } = lead % 2 ? second! : first!;
      const response = await fetch(`${url}/api/leads`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ name: `Lead ${lead}`, email: `lead${lead}@example.test` }),
      });
      answers.push({ status: response.status, body: await response.text() });
    }
    const accepted = answers.filter(({ status }) => status === 202).length;
    expect(accepted).toBe(20);
    const refused = answers.filter(({ status }) => status !== 202);
    expect(refused.map(({ status }) => status)).toEqual(Array(20).fill(503));
    expect(refused[0]!.body).toContain(folder);
    expect(refused[0]!.body).toContain("DATABASE_URL");

    for (const server of servers.splice(0)) await server.stop();
    // After both are gone, the folder holds every lead a server answered 202 to.
    const database = await PGlite.create(folder);
    try {
      const { rows } = await database.query<{ leads: number }>("select count(*)::int as leads from app_events");
      expect(rows).toEqual([{ leads: accepted }]);
    } finally {
      await database.close();
    }
  } finally {
    for (const server of servers) await server.stop();
    rmSync(folder, { recursive: true, force: true });
    rmSync(`${folder}.lock`, { recursive: true, force: true });
  }
});
