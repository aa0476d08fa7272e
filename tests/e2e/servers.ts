/**
 * The production servers the e2e suite runs (one build, several `next start`s), shared by
 * playwright.config.ts and the specs. The app secret is a marker the leak test looks for.
 */
export const E2E_APP_SECRET = "e2e-marker-secret-5c1f0a9d7b3e";
/** Lets specs mint session cookies the servers accept (next-auth/jwt `encode`). */
export const E2E_NEXTAUTH_SECRET = "e2e-nextauth-secret-not-for-production-8d2c";

function server(port: number, env: Record<string, string>) {
  const url = `http://127.0.0.1:${port}`;
  return {
    port,
    url,
    env: {
      NEXTAUTH_URL: url,
      NEXTAUTH_SECRET: E2E_NEXTAUTH_SECRET,
      // Empty, not absent: a developer's .env.local must not leak into the tests.
      INTEGRY_APP_KEY: "",
      INTEGRY_DEPLOYMENT_ID: "",
      INTEGRY_SANDBOX: "",
      INTEGRY_SCOPE: "",
      GITHUB_ID: "",
      GITHUB_SECRET: "",
      AUTH_DEMO_LOGIN: "",
      INTEGRY_APP_SECRET: E2E_APP_SECRET,
      ...env,
    },
  };
}

/** Sandbox, user scope, demo sign-in on: what most specs use. */
export const MAIN = server(3100, { AUTH_DEMO_LOGIN: "true" });
/** Same build, flows shared per account. */
export const ACCOUNT_SCOPE = server(3101, { AUTH_DEMO_LOGIN: "true", INTEGRY_SCOPE: "account" });
/** Same build with production defaults: demo sign-in off. */
export const DEMO_OFF = server(3102, {});
