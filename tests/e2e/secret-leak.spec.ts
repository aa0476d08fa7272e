import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

import { expect, test, type APIRequestContext } from "@playwright/test";

import { PUBLISHED_API_KEY_SECRETS } from "@/lib/auth/published-secrets";
import { DEMO_USERS } from "@/lib/auth/demo-users";

import { E2E_APP_SECRET, E2E_NEXTAUTH_SECRET, MAIN, PUBLISHED_SANDBOX_SECRET, sandboxSecret } from "../support/servers";
import { openIntegrationsAs, signInAs } from "../support/sessions";

// Plain substrings: any copy of a value, whatever surrounds it, fails the test.
const SECRETS: Record<string, string> = {
  INTEGRY_APP_SECRET: E2E_APP_SECRET,
  NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
  INTEGRY_API_KEY_SECRET: PUBLISHED_API_KEY_SECRETS.test,
  "the sandbox's published secret": PUBLISHED_SANDBOX_SECRET,
};
test.beforeAll(async () => {
  SECRETS["the sandbox's own secret"] = await sandboxSecret();
});

function leaksIn(where: string, text: string): string[] {
  return Object.entries(SECRETS)
    .filter(([, value]) => text.includes(value))
    .map(([name]) => `${name} in ${where}`);
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test("no file of the browser bundle (.next/static) holds a secret", () => {
  const files = filesUnder(".next/static");
  const texts = files.map((path) => [path, readFileSync(path, "latin1")] as const);
  expect(files.filter((path) => path.endsWith(".js")).length).toBeGreaterThan(5);
  // The scan reads real bundle code: the client's fetch of the params route is in there.
  expect(texts.some(([, text]) => text.includes("/api/integry-params"))).toBe(true);
  expect(texts.flatMap(([path, text]) => leaksIn(path, text))).toEqual([]);
});

const alice = DEMO_USERS[0]!;

async function sandboxPaths(asAlice: APIRequestContext): Promise<string[]> {
  const { appKey, hash, userId } = await (await asAlice.get("/api/integry-params")).json();
  const auth = new URLSearchParams({ app_key: appKey, hash, user_id: userId });
  const refused = new URLSearchParams({ app_key: appKey, hash: "0".repeat(64), user_id: "alice\ud800" });
  return [
    ...[
      "/verify-sdk-config/",
      "/api/v1/app-user-variables/",
      "/api/v1/sdk/flows/",
      "/v2/template/101/",
      "/template_step/1/",
      "/bundle/1/",
      "/v2/integration/1/",
    ].map((path) => `/api/sandbox${path}?${auth}`),
    `/api/sandbox/verify-sdk-config/?${refused}`,
    "/api/sandbox/api/v1/sdk/flows/",
  ];
}

/** Every page and route of the build without a dynamic segment, so a new one is scanned unlisted. */
function builtRoutes(): string[] {
  const manifest = JSON.parse(readFileSync(".next/app-path-routes-manifest.json", "utf8")) as Record<string, string>;
  return Object.values(manifest).filter((route) => !route.includes("[") && !route.startsWith("/_"));
}

test("no page or API answer a signed-in user can load holds a secret", async () => {
  const asAlice = await signInAs(MAIN.url, alice.email);
  const routes = builtRoutes();
  expect(routes).toEqual(expect.arrayContaining(["/", "/sign-in", "/integrations", "/api/integry-params"]));
  const pages = routes.filter((route) => !route.startsWith("/api/"));
  const paths = [
    ...routes,
    "/api/auth/session",
    "/api/auth/providers",
    "/api/auth/csrf",
    ...(await sandboxPaths(asAlice)),
  ];
  const answers = await Promise.all([
    ...paths.map(async (path) => [path, await asAlice.get(path)] as const),
    // The React Server Components payloads client-side navigation fetches.
    ...pages.map(async (path) => [`${path} (RSC)`, await asAlice.get(path, { headers: { RSC: "1" } })] as const),
  ]);
  const leaks: string[] = [];
  for (const [path, response] of answers) {
    expect(response.status(), path).toBeLessThan(500);
    const headers = JSON.stringify(response.headersArray());
    leaks.push(...leaksIn(path, (await response.text()) + headers));
  }
  expect(answers.length).toBeGreaterThan(18);
  expect(leaks).toEqual([]);
});

test("nothing the browser receives while a user signs in and opens the embed holds a secret", async ({ page }) => {
  const received: Promise<string[]>[] = [];
  page.on("response", (response) => {
    received.push(
      response.text().then(
        (body) => leaksIn(response.url(), body + JSON.stringify(response.headers())),
        () => [], // redirects have no body
      ),
    );
  });
  await openIntegrationsAs(page, "Alice");
  await page.getByRole("button", { name: "Setup and enable" }).first().click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.goto("/");
  await expect(page.getByTestId("signed-in-as")).toBeVisible();

  expect(received.length).toBeGreaterThan(10);
  expect((await Promise.all(received)).flat()).toEqual([]);
  const storage = await page.context().storageState();
  expect(leaksIn("cookies and local storage", JSON.stringify(storage))).toEqual([]);
});
