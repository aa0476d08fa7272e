import "server-only";

import { isIP } from "node:net";

const MAX_LENGTH = 2048;

/**
 * Why `value` cannot be an integration's callback URL, or undefined when it can: an https URL on one of
 * `allowedHosts` or a subdomain of one; an entry written `=host` allows that host alone. The app POSTs its users' events there, so anything that could
 * reach the app's own network (an IP, localhost, another port) is refused. The reason never quotes the
 * URL: its query string may carry a token.
 */
export function callbackUrlProblem(value: unknown, allowedHosts: readonly string[]): string | undefined {
  if (typeof value !== "string") return "is not a string";
  if (value.length > MAX_LENGTH) return `is longer than ${MAX_LENGTH} characters`;
  // The URL parser silently drops tabs, newlines and surrounding spaces: the stored value would not be what was checked.
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return "contains whitespace or a control character";
  if (!URL.canParse(value)) return "is not an absolute URL";
  const url = new URL(value);
  if (url.protocol !== "https:") return "is not https";
  if (url.username || url.password) return "carries credentials";
  // The parser drops an explicit :443, the https default.
  if (url.port) return "names a port other than 443";
  // An empty fragment ("…#") leaves url.hash empty too.
  if (value.includes("#")) return "has a fragment";
  // The parser has already turned 0x7f.1, 2130706433 and the like into dotted IPv4.
  if (isIP(url.hostname.replace(/^\[(.*)\]$/, "$1"))) return "is an IP address, not a host name";
  if (url.hostname === "localhost" || url.hostname.endsWith(".localhost")) return "is localhost";
  const allowed = allowedHosts.some((entry) =>
    entry.startsWith("=")
      ? url.hostname === entry.slice(1)
      : url.hostname === entry || url.hostname.endsWith(`.${entry}`),
  );
  return allowed ? undefined : "is not on an allowed host";
}
