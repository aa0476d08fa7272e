import "server-only";

import { PUBLISHED_API_KEY_SECRETS } from "@/lib/auth/published-secrets";
import { AppError } from "@/lib/errors";
import { usesSandbox, type Env } from "@/lib/integry/config";

export const MIN_API_KEY_SECRET_LENGTH = 32;

/** What is wrong with a set INTEGRY_API_KEY_SECRET, or undefined. Never quotes the value. */
export function apiKeySecretProblem(value: string, env: Env): string | undefined {
  if (/\s/.test(value)) return "contains whitespace";
  if (value.length < MIN_API_KEY_SECRET_LENGTH) {
    return `is shorter than ${MIN_API_KEY_SECRET_LENGTH} characters: openssl rand -base64 32`;
  }
  // One leaked secret must not open the others: the hash, the sessions and the API keys each have their own.
  if (value === env.INTEGRY_APP_SECRET || value === env.NEXTAUTH_SECRET) {
    return "must differ from INTEGRY_APP_SECRET and NEXTAUTH_SECRET: openssl rand -base64 32";
  }
  return undefined;
}

function sandboxOn(env: Env): boolean {
  try {
    return usesSandbox(env);
  } catch {
    return false; // a malformed Integry variable is reported by the Integry config
  }
}

/**
 * The secret that signs the API keys in the SDK's `user` object, or undefined: then `user` has no
 * `apiKey`, which is right for a deployment whose flows never call this app's own API. `npm run
 * dev` with the sandbox signs with a published development secret, like its NEXTAUTH_SECRET.
 */
export function parseApiKeySecret(env: Env): string | undefined {
  const value = env.INTEGRY_API_KEY_SECRET;
  if (value) {
    const problem = apiKeySecretProblem(value, env);
    if (problem) {
      throw new AppError(
        "misconfigured",
        `INTEGRY_API_KEY_SECRET ${problem}. Set it in .env.local (see .env.local.example).`,
      );
    }
    return value;
  }
  return env.NODE_ENV === "development" && sandboxOn(env) ? PUBLISHED_API_KEY_SECRETS.development : undefined;
}
