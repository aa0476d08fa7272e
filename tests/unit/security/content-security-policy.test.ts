import { join } from "node:path";

import type { NextConfig } from "next";
import { afterEach, describe, expect, it, vi } from "vitest";

import { ROOT } from "./module-graph";

// A computed path: next.config.mjs has no type declarations, so it is typed here instead.
const configPath = join(ROOT, "next.config.mjs");
const { default: nextConfig } = (await import(configPath)) as { default: NextConfig };

async function scriptSrc(nodeEnv: string): Promise<string[]> {
  vi.stubEnv("NODE_ENV", nodeEnv);
  const [rule] = (await nextConfig.headers?.()) ?? [];
  const csp = rule?.headers.find((header) => header.key === "Content-Security-Policy")?.value ?? "";
  const directive = csp.split("; ").find((part) => part.startsWith("script-src "));
  return directive?.split(" ").slice(1) ?? [];
}

afterEach(() => {
  vi.unstubAllEnvs();
});

// The served headers are asserted end to end (tests/e2e/security-headers.spec.ts) on the production
// build; `next dev` is not run there, so its one difference is checked here.
describe("the Content-Security-Policy script-src", () => {
  it("allows eval only under next dev, where React needs it", async () => {
    expect(await scriptSrc("development")).toEqual(["'self'", "'unsafe-inline'", "'unsafe-eval'"]);
    expect(await scriptSrc("production")).toEqual(["'self'", "'unsafe-inline'"]);
  });
});
