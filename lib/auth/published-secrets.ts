// Secrets written in this repository: anyone can read them, so `npm run check-env` refuses every one.
export const PUBLISHED_NEXTAUTH_SECRETS = {
  development: "development-only-secret-set-NEXTAUTH_SECRET-to-deploy",
  test: "e2e-nextauth-secret-not-for-production-8d2c",
  bench: "perf-nextauth-secret-not-for-production-91bd",
} as const;

export const PUBLISHED_API_KEY_SECRETS = {
  development: "development-only-api-key-secret-not-for-deployment",
  test: "e2e-api-key-secret-not-for-production-4f7a",
  bench: "perf-api-key-secret-not-for-production-6c2e",
} as const;
