import "server-only";

import { parseAuthSettings } from "@/lib/auth/config";
import { parseDatabaseUrl } from "@/lib/db/config";
import { parseApiKeySecret } from "@/lib/optional/self-api-key/config";
import { parseIntegryConfig } from "@/lib/integry/server/config";

// The only reader of process.env, on every call at run time: nothing is baked into a build or a page.
// Every config, the auth options included, is re-parsed when a value changes, never per request and never baked into a build.

const APP_VARIABLES = [
  "NODE_ENV",
  "INTEGRY_APP_KEY",
  "INTEGRY_APP_SECRET",
  "INTEGRY_DEPLOYMENT_ID",
  "INTEGRY_SCOPE",
  "INTEGRY_SANDBOX",
  "INTEGRY_API_BASE_URL",
  "INTEGRY_API_KEY_SECRET",
  "NEXTAUTH_SECRET",
  "NEXTAUTH_URL",
  "AUTH_TRUST_HOST",
  "AUTH_DEMO_LOGIN",
  "AUTH_REVOKED_IDS",
  "GITHUB_ID",
  "GITHUB_SECRET",
  "VERCEL",
  "DATABASE_URL",
];

// Parses again only when a value changed: the params route asks on every request.
function parsedOnChange<T>(parse: (env: typeof process.env) => T): () => T {
  let seen: string | undefined;
  let parsed: T;
  return () => {
    const values = APP_VARIABLES.map((name) => process.env[name] ?? "\u0000").join("\u0001");
    if (values !== seen) {
      parsed = parse(process.env);
      seen = values;
    }
    return parsed;
  };
}

export const getIntegryConfig = parsedOnChange(parseIntegryConfig);

export const getAuthSettings = parsedOnChange(parseAuthSettings);

export const isBenchPageEnabled = () =>
  process.env.NODE_ENV === "development" || process.env.INTEGRY_BENCH_PAGE === "true";

export const getApiKeySecret = parsedOnChange(parseApiKeySecret);

export const getDatabaseUrl = parsedOnChange(parseDatabaseUrl);
