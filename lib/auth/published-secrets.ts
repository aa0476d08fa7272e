// Secrets written in this repository: anyone can read them, so none may guard real credentials.
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

const PUBLISHED: ReadonlySet<string> = new Set([
  ...Object.values(PUBLISHED_NEXTAUTH_SECRETS),
  ...Object.values(PUBLISHED_API_KEY_SECRETS),
]);
export const MIN_SECRET_BYTES = 32;

/** One leaked secret must not open the others: the hash, the sessions and the API keys each have their own. */
export function reusedSecretProblem(value: string, [appSecret, nextAuthSecret]: readonly (string | undefined)[]) {
  return value === appSecret || value === nextAuthSecret
    ? { status: "unsafe" as const, note: "must differ from INTEGRY_APP_SECRET and NEXTAUTH_SECRET" }
    : undefined;
}

/**
 * Why a signing secret cannot guard real credentials: one rule for `npm run check-env` and for a
 * production server beside real Integry credentials, which refuses to serve with it.
 */
export function weakSecretProblem(value: string): { status: "unsafe" | "malformed"; note: string } | undefined {
  if (PUBLISHED.has(value))
    return { status: "unsafe", note: "is published in this repository: openssl rand -base64 32" };
  if (new TextEncoder().encode(value).length < MIN_SECRET_BYTES) {
    return { status: "malformed", note: `is shorter than ${MIN_SECRET_BYTES} bytes: openssl rand -base64 32` };
  }
  return undefined;
}

/** A signing secret's rule for `npm run check-env`: not published, long enough, and neither of `[appSecret, nextAuthSecret]`. */
export const ownSecretProblem =
  (others: readonly (string | undefined)[]) =>
  (value: string): { status: "unsafe" | "malformed"; note: string } | undefined =>
    weakSecretProblem(value) ?? reusedSecretProblem(value, others);
