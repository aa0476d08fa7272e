/**
 * NEXTAUTH_SECRET values written in this repository: the fixed development secret and the ones the
 * tests and the bench use. Anyone can read them, so `npm run check-env` refuses every one of them.
 */
export const PUBLISHED_NEXTAUTH_SECRETS = {
  development: "development-only-secret-set-NEXTAUTH_SECRET-to-deploy",
  test: "e2e-nextauth-secret-not-for-production-8d2c",
  bench: "perf-nextauth-secret-not-for-production-91bd",
} as const;

/**
 * INTEGRY_API_KEY_SECRET values written in this repository, refused by `npm run check-env` for the
 * same reason: anyone holding one can mint API keys that this app's /api/v1/me accepts.
 */
export const PUBLISHED_API_KEY_SECRETS = {
  development: "development-only-api-key-secret-not-for-deployment",
  test: "e2e-api-key-secret-not-for-production-4f7a",
  bench: "perf-api-key-secret-not-for-production-6c2e",
} as const;
