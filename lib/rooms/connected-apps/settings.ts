import "server-only";

import { envReader, matching, type EnvFragment } from "@/lib/env";

export const CONNECTED_APPS_ENV = {
  INTEGRY_API_BASE_URL: {
    shape: matching(/^https?:\/\/[^\s?#]+[^/\s?#]$/, "an http(s) URL with no trailing slash").optional(),
  },
} satisfies EnvFragment;

const env = envReader(CONNECTED_APPS_ENV);

/** Where the server calls Integry's REST API; unset: Integry's own, or the sandbox's while it is on. */
export const getIntegryApiBaseUrl = env.parsedOnChange((values) => env.read(values, "INTEGRY_API_BASE_URL"));
