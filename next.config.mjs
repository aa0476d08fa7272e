import { contentSecurityPolicy } from "./lib/content-security-policy.mjs";
import { PAGE_BODY_LIMIT } from "./lib/page-body-limit.mjs";

/** @type {import("next").NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // The Dockerfile builds with NEXT_OUTPUT=standalone: a self-contained server in .next/standalone.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  // drizzle's migrator reads each room's migrations at run time, which no tracer sees: ship it with every route.
  outputFileTracingIncludes: { "/*": ["./lib/rooms/*/migrations/**/*"] },
  poweredByHeader: false,
  // proxy.ts matches every page, and Next keeps a copy of each matched request's body in memory up to this size
  // (10 MB by default): a page takes at most a Server Action's few fields.
  experimental: { proxyClientMaxBodySize: PAGE_BODY_LIMIT },
  serverExternalPackages: ["@electric-sql/pglite"],
  // The Integry SDK asks for paths ending in "/"; a redirect would double every sandbox round trip.
  skipTrailingSlashRedirect: true,
  headers: async () => [
    // Pages get theirs, with a nonce, from proxy.ts.
    ...["/api/:path*", "/_next/:path*"].map((source) => ({
      source,
      headers: [
        {
          key: "Content-Security-Policy",
          value: contentSecurityPolicy({ development: process.env.NODE_ENV === "development" }),
        },
      ],
    })),
    {
      source: "/:path*",
      headers: [
        { key: "X-Frame-Options", value: "DENY" },
        { key: "X-Content-Type-Options", value: "nosniff" },
        { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
        { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
      ],
    },
  ],
};

export default nextConfig;
