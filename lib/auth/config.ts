import "server-only";

import type { Env } from "@/lib/integry/config";
import { sandboxServesDevelopment } from "@/lib/integry/config";

import { PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";

export interface AuthConfig {
  secret: string | undefined;
  demoLogin: boolean;
  gitHub: { clientId: string; clientSecret: string } | undefined;
  secureCookies: boolean;
  revokedIds: ReadonlySet<string>;
}

// Dev conveniences only beside the sandbox: beside real Integry credentials they would hand real hashes to anyone.
export function parseAuthConfig(env: Env): AuthConfig {
  const conveniences = sandboxServesDevelopment(env);
  const secret = env.NEXTAUTH_SECRET || (conveniences ? PUBLISHED_NEXTAUTH_SECRETS.development : undefined);
  // Without NEXTAUTH_URL, a trusted proxy or Vercel stands in front: those serve https.
  const secureCookies = env.NEXTAUTH_URL
    ? env.NEXTAUTH_URL.startsWith("https://")
    : Boolean(env.VERCEL || env.AUTH_TRUST_HOST === "true");
  return {
    secret,
    demoLogin: env.AUTH_DEMO_LOGIN === "true" || (conveniences && env.AUTH_DEMO_LOGIN !== "false"),
    gitHub:
      env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : undefined,
    secureCookies,
    revokedIds: new Set(
      (env.AUTH_REVOKED_IDS ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  };
}

export function missingSecretMessage(env: Env): string {
  const why =
    env.NODE_ENV === "development" ? " (npm run dev needs one too once real Integry credentials are set)" : "";
  return `NEXTAUTH_SECRET is missing${why}. Set it in .env.local (see .env.local.example).`;
}
