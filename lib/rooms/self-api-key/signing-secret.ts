import "server-only";

import { devConveniencesOn, guardsRealCredentials } from "@/lib/app-mode";
import { PUBLISHED_API_KEY_SECRETS, reusedSecretProblem, weakSecretProblem } from "@/lib/auth/published-secrets";
import { envReader, misconfigured, type Env } from "@/lib/env";
import { SELF_API_KEY_ENV } from "@/lib/rooms/self-api-key/settings";

const reader = envReader(SELF_API_KEY_ENV);

export interface ApiKeySecretProblem {
  status: "malformed" | "unsafe";
  note: string;
}

/**
 * What is wrong beyond the schema's shape. Published values are refused beside real credentials
 * only: the sandbox's test servers sign with one.
 */
export function apiKeySecretProblem(value: string, env: Env): ApiKeySecretProblem | undefined {
  const weakness = weakSecretProblem(value);
  if (weakness && (weakness.status === "malformed" || guardsRealCredentials(env))) return weakness;
  return reusedSecretProblem(value, [env.INTEGRY_APP_SECRET, env.NEXTAUTH_SECRET]);
}

/** Undefined leaves `apiKey` out of the SDK's `user`: right when no flow calls this app's own API. */
export function parseApiKeySecret(env: Env): string | undefined {
  const value = reader.read(env, "INTEGRY_API_KEY_SECRET");
  if (!value) return devConveniencesOn(env) ? PUBLISHED_API_KEY_SECRETS.development : undefined;
  const problem = apiKeySecretProblem(value, env);
  if (problem) throw misconfigured("INTEGRY_API_KEY_SECRET", problem.note);
  return value;
}

export const getApiKeySecret = reader.parsedOnChange((env) => parseApiKeySecret(env));
