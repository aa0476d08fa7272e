import "server-only";

import { missingSecretMessage, parseAuthConfig } from "@/lib/auth/config";
import { parseApiKeySecret } from "@/lib/integry/api-key-config";
import { parseIntegryConfig } from "@/lib/integry/config";

// The only reader of process.env, on every call at run time: nothing is baked into a build or a page.

export const getIntegryConfig = () => parseIntegryConfig(process.env);

export const getAuthConfig = () => parseAuthConfig(process.env);

export const getMissingSecretMessage = () => missingSecretMessage(process.env);

export const isBenchPageEnabled = () =>
  process.env.NODE_ENV === "development" || process.env.INTEGRY_BENCH_PAGE === "true";

export const getApiKeySecret = () => parseApiKeySecret(process.env);
