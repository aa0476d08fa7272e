import "server-only";

import { AppError } from "@/lib/errors";
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
}

export type Env = Readonly<Record<string, string | undefined>>;

export const INTEGRY_VARIABLES = {
  INTEGRY_APP_KEY: { pattern: /^[\w-]+$/, shape: "letters, digits, '-' or '_'" },
  INTEGRY_APP_SECRET: { pattern: /^\S+$/, shape: "no spaces" },
  INTEGRY_DEPLOYMENT_ID: { pattern: /^\d+$/, shape: "a number" },
  INTEGRY_SCOPE: { pattern: /^(user|account)$/, shape: "user or account" },
  INTEGRY_SANDBOX: { pattern: /^(true|false)$/, shape: "true or false" },
  INTEGRY_API_BASE_URL: { pattern: /^https?:\/\/[^\s?#]+[^/\s?#]$/, shape: "an http(s) URL with no trailing slash" },
} as const;

export type IntegryVariable = keyof typeof INTEGRY_VARIABLES;

export function integryVariableProblem(name: IntegryVariable, value: string): string | undefined {
  // A pasted secret with a trailing newline would hash "correctly" and still be rejected by Integry.
  if (value.trim() !== value) return "has leading or trailing whitespace";
  const { pattern, shape } = INTEGRY_VARIABLES[name];
  return pattern.test(value) ? undefined : `is malformed: expected ${shape}`;
}

function misconfigured(name: string, problem: string): AppError {
  return new AppError("misconfigured", `${name} ${problem}. Set it in .env.local (see .env.local.example).`);
}

function read(env: Env, name: IntegryVariable): string | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  const problem = integryVariableProblem(name, value);
  if (problem) throw misconfigured(name, problem);
  return value;
}

// Only `npm run dev` falls back to the sandbox: in production a missing INTEGRY_APP_KEY is a misconfiguration.
export function usesSandbox(env: Env): boolean {
  const requested = read(env, "INTEGRY_SANDBOX");
  if (requested) return requested === "true";
  return env.NODE_ENV === "development" && !read(env, "INTEGRY_APP_KEY");
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
  const scope = (read(env, "INTEGRY_SCOPE") ?? "user") as IntegryScope;
  const apiBaseUrl = read(env, "INTEGRY_API_BASE_URL");
  if (usesSandbox(env))
    return { ...SANDBOX_CREDENTIALS, scope, sandbox: true, sdkBaseUrl: SANDBOX_BASE_PATH, apiBaseUrl };

  const appKey = read(env, "INTEGRY_APP_KEY");
  const appSecret = read(env, "INTEGRY_APP_SECRET");
  const deploymentId = read(env, "INTEGRY_DEPLOYMENT_ID");
  if (!appKey)
    throw misconfigured("INTEGRY_APP_KEY", "is missing (or set INTEGRY_SANDBOX=true for the offline sandbox)");
  if (!appSecret) throw misconfigured("INTEGRY_APP_SECRET", "is missing");
  if (!deploymentId) throw misconfigured("INTEGRY_DEPLOYMENT_ID", "is missing");
  return { appKey, appSecret, deploymentId, scope, sandbox: false, sdkBaseUrl: null, apiBaseUrl };
}
