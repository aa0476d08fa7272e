import "server-only";

import { AppError } from "@/lib/errors";

export type IntegryScope = "user" | "account";

export interface IntegryConfig {
  appKey: string;
  appSecret: string;
  deploymentId: string;
  scope: IntegryScope;
  /** True when the embed talks to the local sandbox (lib/integry-sandbox) instead of Integry. */
  sandbox: boolean;
}

export type Env = Readonly<Record<string, string | undefined>>;

/** Where the app serves the offline sandbox; the client points the SDK's baseUrl here. */
export const SANDBOX_BASE_PATH = "/api/integry-sandbox";

/** Dummy credentials, so a fresh clone runs with no Integry account. Never valid at Integry. */
export const SANDBOX_CREDENTIALS = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
} as const;

/** The shape of each Integry variable; the config and `npm run check-env` both read this. */
export const INTEGRY_VARIABLES = {
  INTEGRY_APP_KEY: { pattern: /^[\w-]+$/, shape: "letters, digits, '-' or '_'" },
  INTEGRY_APP_SECRET: { pattern: /^\S+$/, shape: "no spaces" },
  INTEGRY_DEPLOYMENT_ID: { pattern: /^\d+$/, shape: "a number" },
  INTEGRY_SCOPE: { pattern: /^(user|account)$/, shape: "user or account" },
  INTEGRY_SANDBOX: { pattern: /^(true|false)$/, shape: "true or false" },
} as const;

export type IntegryVariable = keyof typeof INTEGRY_VARIABLES;

/** What is wrong with a set variable's value, or undefined. Never quotes the value. */
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

/** True when the embed should use the sandbox: forced, or no app key at all. */
export function usesSandbox(env: Env): boolean {
  const forced = read(env, "INTEGRY_SANDBOX");
  return forced ? forced === "true" : !read(env, "INTEGRY_APP_KEY");
}

/** Reads and checks the Integry variables; every error names the variable, never its value. */
export function parseIntegryConfig(env: Env): IntegryConfig {
  const appKey = read(env, "INTEGRY_APP_KEY");
  const appSecret = read(env, "INTEGRY_APP_SECRET");
  const deploymentId = read(env, "INTEGRY_DEPLOYMENT_ID");
  const scope = (read(env, "INTEGRY_SCOPE") ?? "user") as IntegryScope;
  const sandbox = usesSandbox(env);

  if (sandbox) {
    return {
      appKey: appKey ?? SANDBOX_CREDENTIALS.appKey,
      appSecret: appSecret ?? SANDBOX_CREDENTIALS.appSecret,
      deploymentId: deploymentId ?? SANDBOX_CREDENTIALS.deploymentId,
      scope,
      sandbox,
    };
  }
  if (!appKey) throw misconfigured("INTEGRY_APP_KEY", "is missing (or set INTEGRY_SANDBOX=true)");
  if (!appSecret) throw misconfigured("INTEGRY_APP_SECRET", "is missing");
  if (!deploymentId) throw misconfigured("INTEGRY_DEPLOYMENT_ID", "is missing");
  return { appKey, appSecret, deploymentId, scope, sandbox };
}

export function getIntegryConfig(): IntegryConfig {
  return parseIntegryConfig(process.env);
}
