const PLACEHOLDER_ORIGIN = "https://callback.invalid";

// Refuses backslashes (browsers read `/\evil.com` as `//evil.com`) and control characters (URL parsers strip them).
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
