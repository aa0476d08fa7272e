// The Integry origins the embed talks to; the offline sandbox is same-origin ('self').
const INTEGRY_ORIGINS = "https://app.integry.io https://api.integry.io https://embed.app.integry.io";

/**
 * A static policy, so pages stay static. Next.js inlines its bootstrap scripts: without a
 * per-request nonce (which would force every page to render dynamically) they need
 * 'unsafe-inline'. React needs eval for its dev tooling, so 'unsafe-eval' is dev-only.
 */
function contentSecurityPolicy() {
  const devOnly = process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${devOnly}`,
    // The SDK (Preact) injects <style> elements and style attributes.
    "style-src 'self' 'unsafe-inline'",
    // The SDK ships its Inter font as data: URLs.
    "font-src 'self' data:",
    // Marketplace app icons are hosted wherever each app's vendor keeps them.
    "img-src 'self' data: blob: https:",
    `connect-src 'self' ${INTEGRY_ORIGINS}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The Dockerfile builds with NEXT_OUTPUT=standalone: a self-contained server in .next/standalone.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // The Integry SDK asks for paths ending in "/"; a redirect would double every sandbox round trip.
  skipTrailingSlashRedirect: true,
  headers: async () => [
    {
      source: "/:path*",
      headers: [
        { key: "Content-Security-Policy", value: contentSecurityPolicy() },
        { key: "X-Frame-Options", value: "DENY" },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
      ],
    },
  ],
};

export default nextConfig;
