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

/** Where the app serves the offline sandbox; the client points the SDK's baseUrl here. */
export const SANDBOX_BASE_PATH = "/api/integry-sandbox";

type Env = Readonly<Record<string, string | undefined>>;

/** Dummy credentials, so a fresh clone runs with no Integry account. Never valid at Integry. */
export const SANDBOX_CREDENTIALS = {
  appKey: "sandbox-app-key",
  appSecret: "sandbox-secret-not-for-production",
  deploymentId: "1",
} as const;

function misconfigured(name: string, problem: string): AppError {
  return new AppError("misconfigured", `${name} ${problem}. Set it in .env.local (see .env.local.example).`);
}

function read(env: Env, name: string, pattern: RegExp, shape: string): string | undefined {
  const value = env[name];
  if (value === undefined || value === "") return undefined;
  // A pasted secret with a trailing newline would hash "correctly" and still be rejected by Integry.
  if (value.trim() !== value) throw misconfigured(name, "has leading or trailing whitespace");
  if (!pattern.test(value)) throw misconfigured(name, `is malformed: expected ${shape}`);
  return value;
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === "") return fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw misconfigured(name, `is malformed: expected one of ${choices.join(", ")}`);
  }
  return value as T;
}

/** Reads and checks the Integry variables; every error names the variable, never its value. */
export function parseIntegryConfig(env: Env): IntegryConfig {
  const appKey = read(env, "INTEGRY_APP_KEY", /^[\w-]+$/, "letters, digits, '-' or '_'");
  const appSecret = read(env, "INTEGRY_APP_SECRET", /^\S+$/, "no spaces");
  const deploymentId = read(env, "INTEGRY_DEPLOYMENT_ID", /^\d+$/, "a number");
  const scope = readChoice(env, "INTEGRY_SCOPE", ["user", "account"], "user");
  const sandbox = readChoice(env, "INTEGRY_SANDBOX", ["true", "false"], appKey ? "false" : "true") === "true";

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
