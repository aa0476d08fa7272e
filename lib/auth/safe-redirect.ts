const PLACEHOLDER_ORIGIN = "https://callback.invalid";

// Refuses backslashes (browsers read `/\evil.com` as `//evil.com`) and control characters (URL parsers strip them).
// Decides on the parsed path: parsing drops dot segments, so `/.//evil.com` only becomes `//evil.com` afterwards.
export function safeCallbackPath(value: unknown, fallback = "/integrations"): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  return url.origin === PLACEHOLDER_ORIGIN && !/^\/[/\\]/.test(path) ? path : fallback;
}
