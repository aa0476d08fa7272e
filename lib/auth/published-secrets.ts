/**
 * NEXTAUTH_SECRET values written in this repository: the fixed development secret and the ones the
 * tests and the bench use. Anyone can read them, so `npm run check-env` refuses every one of them.
 */
export const PUBLISHED_NEXTAUTH_SECRETS = {
  development: "development-only-secret-set-NEXTAUTH_SECRET-to-deploy",
  test: "e2e-nextauth-secret-not-for-production-8d2c",
  bench: "perf-nextauth-secret-not-for-production-91bd",
} as const;
