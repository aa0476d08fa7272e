import { AppError } from "@/lib/errors";

/**
 * For routes that change state with the session cookie: a browser sends `Origin` with every POST, and the cookie is
 * SameSite=Lax, which a sibling subdomain's page still gets. Compared by host, as Next compares a Server Action's,
 * so a TLS-terminating proxy in front changes nothing. No Origin is a client other than a browser: left to the session.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get("origin");
  if (origin === null) return;
  const host = publicHost(request);
  const originHost = URL.canParse(origin) ? new URL(origin).host : null;
  if (originHost === null || originHost !== host) {
    throw new AppError("forbidden", "This request came from another site's page.");
  }
}

/** The host a client reached this app by: a proxy's X-Forwarded-Host, else Host (Next's request.url names its own). */
export function publicHost(request: Request): string | null {
  return request.headers.get("x-forwarded-host") ?? request.headers.get("host");
}
