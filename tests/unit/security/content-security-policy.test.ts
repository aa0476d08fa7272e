import { describe, expect, it } from "vitest";

import { contentSecurityPolicy } from "@/lib/content-security-policy.mjs";

function scriptSrc(options: { nonce?: string; development: boolean }): string[] {
  const directive = contentSecurityPolicy(options)
    .split("; ")
    .find((part) => part.startsWith("script-src "));
  return directive?.split(" ").slice(1) ?? [];
}

// The served headers are asserted end to end (tests/e2e/security-headers.spec.ts) on the production
// build; `next dev` is not run there, so its one difference is checked here.
describe("the Content-Security-Policy script-src", () => {
  it("runs a page's scripts by nonce only, never inline code, and allows eval only under next dev", () => {
    expect(scriptSrc({ nonce: "bm9uY2U=", development: false })).toEqual(["'nonce-bm9uY2U='", "'strict-dynamic'"]);
    expect(scriptSrc({ nonce: "bm9uY2U=", development: true })).toEqual([
      "'nonce-bm9uY2U='",
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
  });

  it("gives answers that are not pages (API, static files) no script but the app's own files", () => {
    expect(scriptSrc({ development: false })).toEqual(["'self'"]);
  });
});
