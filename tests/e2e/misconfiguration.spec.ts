import { expect, request, test } from "@playwright/test";

import { DEMO_USERS } from "@/lib/auth/demo-users";

import { claimsOf, mintSessionToken, sessionCookieHeader } from "../support/sessions";
import { PUBLISHED_API_KEY_SECRETS } from "@/lib/auth/published-secrets";

import { E2E_NEXTAUTH_SECRET, MAIN, startServer } from "../support/servers";

const SECRET = "misconfig-marker-secret-47d1b9e0";
const NEXTAUTH_SECRET = "misconfig-nextauth-secret-5e0b7c1f9a2d4c68";
// Real-Integry mode, correct: each case below breaks one variable.
const REAL = {
  INTEGRY_APP_KEY: "misconfig-app-key",
  INTEGRY_APP_SECRET: SECRET,
  INTEGRY_DEPLOYMENT_ID: "42",
  NEXTAUTH_SECRET,
  INTEGRY_API_KEY_SECRET: "misconfig-api-key-secret-8c3d2a9f61b07e54",
  AUTH_DEMO_LOGIN: "",
};

const cases: { env: Record<string, string>; message: string; pagesSay?: string }[] = [
  // A forgotten key on a production server is a misconfiguration, never a fallback to the sandbox.
  { env: { INTEGRY_APP_KEY: "" }, message: "INTEGRY_APP_KEY is missing (or set INTEGRY_SANDBOX=true" },
  { env: { INTEGRY_APP_SECRET: "" }, message: "INTEGRY_APP_SECRET is missing." },
  { env: { INTEGRY_APP_SECRET: `${SECRET} ` }, message: "INTEGRY_APP_SECRET has leading or trailing whitespace." },
  { env: { INTEGRY_APP_KEY: "key/with/slashes" }, message: "INTEGRY_APP_KEY is malformed: expected letters" },
  { env: { INTEGRY_DEPLOYMENT_ID: "" }, message: "INTEGRY_DEPLOYMENT_ID is missing." },
  { env: { INTEGRY_DEPLOYMENT_ID: "42abc" }, message: "INTEGRY_DEPLOYMENT_ID is malformed: expected a number." },
  { env: { INTEGRY_SCOPE: "team" }, message: "INTEGRY_SCOPE is malformed: expected user or account." },
  { env: { INTEGRY_SANDBOX: "yes" }, message: "INTEGRY_SANDBOX is malformed: expected true or false." },
  // Sessions cannot be read at all: the pages say so instead of failing.
  { env: { NEXTAUTH_SECRET: "" }, message: "NEXTAUTH_SECRET is missing.", pagesSay: "NEXTAUTH_SECRET is missing." },
  // Beside real credentials, a secret anyone can read or guess forges sessions: refused, even if a cookie verifies.
  {
    env: { NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET },
    message: "NEXTAUTH_SECRET is published in this repository",
    pagesSay: "NEXTAUTH_SECRET is published in this repository",
  },
  {
    env: { NEXTAUTH_SECRET: "short-but-unpublished-secret" },
    message: "NEXTAUTH_SECRET is shorter than 32 bytes",
    pagesSay: "NEXTAUTH_SECRET is shorter than 32 bytes",
  },
  {
    env: { AUTH_DEMO_LOGIN: "true" },
    message: "AUTH_DEMO_LOGIN=true lets anyone sign in as anyone",
    pagesSay: "AUTH_DEMO_LOGIN=true lets anyone sign in as anyone",
  },
  {
    env: { INTEGRY_API_KEY_SECRET: PUBLISHED_API_KEY_SECRETS.test },
    message: "INTEGRY_API_KEY_SECRET is published in this repository",
  },
];

cases.forEach(({ env, message, pagesSay }, index) => {
  const [name] = Object.keys(env);
  test(`${name}=${JSON.stringify(Object.values(env)[0])}: pages serve, the params route names it, no secret is printed`, async () => {
    const port = 3110 + index;
    const real = { ...MAIN.env, NEXTAUTH_URL: `http://127.0.0.1:${port}`, INTEGRY_SANDBOX: "", ...REAL };
    const server = await startServer(port, { ...real, ...env });
    try {
      const context = await request.newContext({ baseURL: server.url });
      // Minted with the server's own secret: a forged cookie, where that secret is published.
      const secret = env.NEXTAUTH_SECRET || NEXTAUTH_SECRET;
      const session = sessionCookieHeader(await mintSessionToken(claimsOf(DEMO_USERS[0]!), { secret }));
      const home = await context.get("/", { headers: session });
      const signIn = await context.get("/sign-in");
      const integrations = await context.get("/integrations", { headers: session });
      expect(home.status()).toBe(200);
      expect(signIn.status()).toBe(200);
      expect(integrations.status()).toBe(200);
      if (pagesSay) {
        expect(await home.text()).toContain(pagesSay);
        expect(await integrations.text()).toContain(pagesSay);
      }

      const params = await context.get("/api/integry-params", { headers: session });
      expect(params.status()).toBe(500);
      expect(params.headers()["cache-control"]).toBe("private, no-store");
      const body = await params.text();
      expect(JSON.parse(body)).toEqual({ error: { code: "misconfigured", message: expect.stringContaining(message) } });

      const seen = [body, await home.text(), await signIn.text(), await integrations.text(), server.output()].join(
        "\n",
      );
      expect(seen).not.toContain(SECRET);
      expect(seen).not.toContain(NEXTAUTH_SECRET);
      expect(seen).not.toContain(E2E_NEXTAUTH_SECRET);
      for (const value of Object.values(env).filter((value) => value.length > 8)) expect(seen).not.toContain(value);
      expect(seen).not.toContain(REAL.INTEGRY_API_KEY_SECRET);
      // Operators find the problem in the server log, by name.
      expect(server.output()).toContain(message);
    } finally {
      await server.stop();
    }
  });
});
