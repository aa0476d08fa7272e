import { existsSync, readdirSync } from "node:fs";

import { expect, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";
import { referenceHash } from "../support/reference-hash";

import { asEnginePage } from "../support/engine-page";
import { startHttpsProxy } from "../support/https-proxy";
import { saveSlackFlow } from "../support/pages";
import { withTwoInstancesOnPostgres } from "../support/round-robin-proxy";
import {
  NO_APP_ENV,
  sandboxSecret,
  sandboxEnv,
  startServer,
  type ServerEntry,
  type ServerEnv,
} from "../support/servers";
import { openIntegrationsAs, SESSION_COOKIE } from "../support/sessions";

const alice = DEMO_USERS[0]!;

interface Deployment {
  name: string;
  entry?: ServerEntry;
  /** https through a TLS-terminating proxy in front of the server. */
  https?: boolean;
  /** The server's env on top of a complete sandbox env; `origin` is the public URL. */
  env: (origin: string) => ServerEnv;
}

// Each host as it starts the app, on the one build made with no app env at all.
const deployments: Deployment[] = [
  {
    name: "built with no env, started with a full env (Docker, CI, vercel build)",
    env: (origin) => ({ NEXTAUTH_URL: origin }),
  },
  {
    name: "https behind a proxy, AUTH_TRUST_HOST=true, no NEXTAUTH_URL",
    https: true,
    env: () => ({ AUTH_TRUST_HOST: "true" }),
  },
  {
    name: "https behind a proxy with NEXTAUTH_URL=https://…",
    https: true,
    env: (origin) => ({ NEXTAUTH_URL: origin }),
  },
  { name: "Vercel's environment (VERCEL=1)", https: true, env: () => ({ VERCEL: "1" }) },
  {
    name: "the standalone server a Docker image runs",
    entry: "standalone",
    env: (origin) => ({ NEXTAUTH_URL: origin }),
  },
];

deployments.forEach(({ name, entry, https, env }, index) => {
  test(`${name}: sign-in, session, the session's hash and the real SDK`, async ({ browser }) => {
    const port = 3130 + index;
    const origin = https ? `https://127.0.0.1:${port + 10}` : `http://127.0.0.1:${port}`;
    const server = await startServer(port, { ...sandboxEnv(origin), NEXTAUTH_URL: undefined, ...env(origin) }, entry);
    const proxy = https ? await startHttpsProxy(port + 10, port) : undefined;
    const context = await browser.newContext({ baseURL: origin, ignoreHTTPSErrors: true });
    try {
      const page = await context.newPage();
      await page.goto("/sign-in?callbackUrl=/");
      await page.getByRole("button", { name: /Alice/ }).click();
      await expect(page.getByTestId("signed-in-as")).toHaveText("Signed in as Alice");

      const [cookie] = (await context.cookies()).filter((c) => c.name.endsWith(SESSION_COOKIE));
      expect(cookie).toMatchObject(
        https ? { name: `__Secure-${SESSION_COOKIE}`, secure: true } : { name: SESSION_COOKIE, secure: false },
      );
      const params = await page.request.get("/api/integry-params");
      expect(params.status()).toBe(200);
      expect(await params.json()).toMatchObject({
        userId: alice.id,
        hash: await referenceHash(await sandboxSecret(), alice.id),
      });

      await page.goto("/integrations");
      await expect(page.getByTestId("integry-container").getByText("Send new leads to Slack")).toBeVisible();
      expect(server.output()).not.toMatch(/JWT_SESSION_ERROR|NO_SECRET|error/i);
    } finally {
      await context.close();
      await proxy?.stop();
      await server.stop();
    }
  });
});

test("the standalone output carries the server and its migrations, not the project's sources, tests or docs", () => {
  // What Next's file tracing copied: a path it cannot resolve at build time would make it copy the whole project.
  const shipped = readdirSync(".next/standalone");
  expect(shipped).toEqual(expect.arrayContaining(["server.js", ".next", "node_modules", "lib"]));
  for (const unwanted of ["tests", "docs", "README.md", "app", "instrumentation.ts"])
    expect(shipped).not.toContain(unwanted);
  expect(readdirSync(".next/standalone/lib")).toEqual(["rooms"]);
  // Each room with tables ships its migrations, and nothing else of its.
  for (const room of readdirSync(".next/standalone/lib/rooms")) {
    expect(readdirSync(`.next/standalone/lib/rooms/${room}`)).toEqual(["migrations"]);
  }
  // Exactly the installed rooms that keep tables: whatever rooms an adopter has removed.
  const withTables = readdirSync("lib/rooms").filter((room) => existsSync(`lib/rooms/${room}/migrations`));
  expect(readdirSync(".next/standalone/lib/rooms").sort()).toEqual(withTables.sort());
});

test("a production server with no INTEGRY_APP_KEY and no INTEGRY_SANDBOX serves no sandbox and names the variable", async ({
  browser,
}) => {
  const port = 3139;
  const origin = `http://127.0.0.1:${port}`;
  const server = await startServer(port, {
    ...NO_APP_ENV,
    NEXTAUTH_URL: origin,
    NEXTAUTH_SECRET: "x".repeat(44),
    AUTH_DEMO_LOGIN: "true",
  });
  const context = await browser.newContext({ baseURL: origin });
  try {
    const page = await context.newPage();
    await page.goto("/sign-in?callbackUrl=/integrations");
    await page.getByRole("button", { name: /Alice/ }).click();
    await expect(page.getByTestId("embed-error")).toContainText("INTEGRY_APP_KEY is missing");
    await expect(page.getByTestId("sandbox-badge")).toHaveCount(0);

    const params = await page.request.get("/api/integry-params");
    expect(params.status()).toBe(500);
    expect((await params.json()).error).toMatchObject({
      code: "misconfigured",
      message: expect.stringContaining("INTEGRY_APP_KEY"),
    });
    for (const path of ["/api/sandbox/icons/slack.svg", "/api/sandbox/verify-sdk-config/"]) {
      expect((await page.request.get(path)).status()).toBe(404);
    }
    expect((await page.request.get("/bench/sdk-floor")).status()).toBe(404);
    expect(server.output()).toContain("INTEGRY_APP_KEY is missing");
  } finally {
    await context.close();
    await server.stop();
  }
});

test("two instances behind a round-robin proxy share the sandbox: a saved flow shows whichever one answers", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [first, second] = [3145, 3146];
  await withTwoInstancesOnPostgres([first, second, 3147], {}, async ({ origin, proxy }) => {
    const context = await browser.newContext({ baseURL: origin });
    try {
      const page = await context.newPage();
      await openIntegrationsAs(page, "Bob");
      await saveSlackFlow(asEnginePage(page));
      await expect(page.getByTestId("connected-app-slack")).toBeVisible();

      // Each reload's page, params and SDK requests land on both instances in turn.
      for (let reload = 0; reload < 4; reload++) {
        await page.reload();
        await expect(page.getByTestId("connected-app-slack")).toBeVisible();
        await expect(page.locator('[class*="singleFlowInstanceRow"]')).toHaveCount(1);
      }
      const answered = proxy.answeredBy();
      expect(answered[first]).toBeGreaterThan(10);
      expect(answered[second]).toBeGreaterThan(10);
    } finally {
      await context.close();
    }
  });
});
