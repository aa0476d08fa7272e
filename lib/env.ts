import "server-only";

import { missingSecretMessage, parseAuthConfig } from "@/lib/auth/config";
import { parseApiKeySecret } from "@/lib/integry/api-key-config";
import { parseIntegryConfig } from "@/lib/integry/config";

// The one module that reads process.env. Read on every call, at run time: a build made with no
// secrets serves with whatever its server is started with, and nothing is baked into a page.

export const getIntegryConfig = () => parseIntegryConfig(process.env);

export const getAuthConfig = () => parseAuthConfig(process.env);

export const getMissingSecretMessage = () => missingSecretMessage(process.env);

/** The bench's floor page exists under `npm run dev`, or when `npm run bench` asks for it. */
export const isBenchPageEnabled = () =>
  process.env.NODE_ENV === "development" || process.env.INTEGRY_BENCH_PAGE === "true";

/** Signs the API keys the embed hands Integry; undefined = the SDK's `user` carries no `apiKey`. */
export const getApiKeySecret = () => parseApiKeySecret(process.env);
