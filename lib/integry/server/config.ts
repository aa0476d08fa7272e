import "server-only";

import { misconfigured, readVariable, type Env } from "@/lib/env";
import { SANDBOX_BASE_PATH, SANDBOX_CREDENTIALS } from "@/lib/integry/shared/sandbox";

export type IntegryScope = "user" | "account";

export interface IntegryConfig {
  appKey: string;
  appSecret: string;
  deploymentId: string;
  scope: IntegryScope;
  sandbox: boolean;
  /** Where the browser SDK finds Integry: null for Integry itself, a path on this app for the sandbox. */
  sdkBaseUrl: string | null;
  apiBaseUrl: string | undefined;
  /** Hosts (and subdomains) a flow's callback URL may point at; the sandbox answers its own in-process. */
  callbackHosts: readonly string[];
}

// Only `npm run dev` falls back to the sandbox: in production a missing INTEGRY_APP_KEY is a misconfiguration.
export function usesSandbox(env: Env): boolean {
  const requested = readVariable(env, "INTEGRY_SANDBOX");
  if (requested !== undefined) return requested;
  return env.NODE_ENV === "development" && !readVariable(env, "INTEGRY_APP_KEY");
}

/** The development conveniences' switch: false when an Integry variable is malformed (reported by the config). */
export function devConveniencesOn(env: Env): boolean {
  try {
    return env.NODE_ENV === "development" && usesSandbox(env);
  } catch {
    return false;
  }
}

/** A production server beside real Integry credentials: no published or short secret, no demo sign-in. */
export function guardsRealCredentials(env: Env): boolean {
  if (env.NODE_ENV !== "production" || !env.INTEGRY_APP_KEY) return false;
  try {
    return !usesSandbox(env);
  } catch {
    return true;
  }
}

export function parseIntegryConfig(env: Env): IntegryConfig {
  const scope = readVariable(env, "INTEGRY_SCOPE");
  const apiBaseUrl = readVariable(env, "INTEGRY_API_BASE_URL");
  const callbackHosts = readVariable(env, "INTEGRY_CALLBACK_HOSTS");
  if (usesSandbox(env))
    return { ...SANDBOX_CREDENTIALS, scope, sandbox: true, sdkBaseUrl: SANDBOX_BASE_PATH, apiBaseUrl, callbackHosts };

  const appKey = readVariable(env, "INTEGRY_APP_KEY");
  const appSecret = readVariable(env, "INTEGRY_APP_SECRET");
  const deploymentId = readVariable(env, "INTEGRY_DEPLOYMENT_ID");
  if (!appKey)
    throw misconfigured("INTEGRY_APP_KEY", "is missing (or set INTEGRY_SANDBOX=true for the offline sandbox)");
  if (!appSecret) throw misconfigured("INTEGRY_APP_SECRET", "is missing");
  if (!deploymentId) throw misconfigured("INTEGRY_DEPLOYMENT_ID", "is missing");
  return { appKey, appSecret, deploymentId, scope, sandbox: false, sdkBaseUrl: null, apiBaseUrl, callbackHosts };
}
