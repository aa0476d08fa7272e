import "server-only";

import { PUBLISHED_NEXTAUTH_SECRETS, weakSecretProblem } from "@/lib/auth/published-secrets";
import { devConveniencesOn, guardsRealCredentials } from "@/lib/app-mode";
import { parsedOnChange, readVariable, type Env } from "@/lib/env";

export interface AuthSettings {
  secret: string | undefined;
  /** Why sessions cannot be read at all, naming the variable to fix; pages show it, routes answer 500. */
  problem: string | undefined;
  demoLogin: boolean;
  gitHub: { clientId: string; clientSecret: string } | undefined;
  secureCookies: boolean;
  revokedIds: ReadonlySet<string>;
}

// Dev conveniences only beside the sandbox: beside real Integry credentials they would hand real hashes to anyone.
export function parseAuthSettings(env: Env): AuthSettings {
  const conveniences = devConveniencesOn(env);
  const guarded = guardsRealCredentials(env);
  const weakness = guarded && env.NEXTAUTH_SECRET ? weakSecretProblem(env.NEXTAUTH_SECRET) : undefined;
  const demoRefused = guarded && env.AUTH_DEMO_LOGIN === "true";
  const secret = weakness
    ? undefined
    : env.NEXTAUTH_SECRET || (conveniences ? PUBLISHED_NEXTAUTH_SECRETS.development : undefined);
  const fix = "Set it in .env.local (see .env.local.example).";
  const problem = weakness
    ? `NEXTAUTH_SECRET ${weakness.note}. Anyone could forge a session with it beside real Integry credentials. ${fix}`
    : demoRefused
      ? "AUTH_DEMO_LOGIN=true lets anyone sign in as anyone: it is refused beside real Integry credentials. Unset it."
      : secret
        ? undefined
        : missingSecretMessage(env);
  // Without NEXTAUTH_URL, a trusted proxy or Vercel stands in front: those serve https. `npm run dev` trusts the
  // Host header (.env.development) to follow its port, over plain http, where a Secure cookie would be dropped.
  const secureCookies = env.NEXTAUTH_URL
    ? env.NEXTAUTH_URL.startsWith("https://")
    : env.NODE_ENV !== "development" && Boolean(env.VERCEL || env.AUTH_TRUST_HOST === "true");
  return {
    secret,
    problem,
    demoLogin: !demoRefused && (env.AUTH_DEMO_LOGIN === "true" || (conveniences && env.AUTH_DEMO_LOGIN !== "false")),
    gitHub:
      env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : undefined,
    secureCookies,
    revokedIds: new Set(readVariable(env, "AUTH_REVOKED_IDS")),
  };
}

export function missingSecretMessage(env: Env): string {
  const why =
    env.NODE_ENV === "development" ? " (npm run dev needs one too once real Integry credentials are set)" : "";
  return `NEXTAUTH_SECRET is missing${why}. Set it in .env.local (see .env.local.example).`;
}

export const getAuthSettings = parsedOnChange((env) => parseAuthSettings(env));
