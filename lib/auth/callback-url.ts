const PLACEHOLDER_ORIGIN = "https://callback.invalid";

/**
 * A sign-in's `callbackUrl` as a path on this site, or `fallback`. Parsed with URL the way a
 * browser would, after refusing backslashes (browsers read `/\evil.com` as `//evil.com`) and
 * control characters (stripped by URL parsers, so they can hide either).
 */
export function safeCallbackPath(value: unknown, fallback = "/integrations"): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  return url.origin === PLACEHOLDER_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : fallback;
}
