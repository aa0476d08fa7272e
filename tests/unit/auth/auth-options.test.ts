import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { getNextAuthOptions } from "@/lib/auth/options";

beforeEach(() => {
  vi.stubEnv("NEXTAUTH_SECRET", "unit-options-secret-first-0000000");
  vi.stubEnv("AUTH_DEMO_LOGIN", "false");
  vi.stubEnv("GITHUB_ID", "");
  vi.stubEnv("GITHUB_SECRET", "");
});

afterEach(() => vi.unstubAllEnvs());

describe("getNextAuthOptions", () => {
  it("hands back the very same options while no value changes", () => {
    const first = getNextAuthOptions();
    expect(getNextAuthOptions()).toBe(first);
    expect(getNextAuthOptions()).toBe(first);
  });

  it("follows AUTH_DEMO_LOGIN as soon as it changes, without a restart", () => {
    expect(getNextAuthOptions().providers).toEqual([]);
    vi.stubEnv("AUTH_DEMO_LOGIN", "true");
    expect(getNextAuthOptions().providers).toMatchObject([{ type: "credentials", options: { id: "demo" } }]);
    vi.stubEnv("AUTH_DEMO_LOGIN", "false");
    expect(getNextAuthOptions().providers).toEqual([]);
  });

  it("follows NEXTAUTH_SECRET as soon as it changes, without a restart", () => {
    const before = getNextAuthOptions();
    expect(before.secret).toBe("unit-options-secret-first-0000000");
    vi.stubEnv("NEXTAUTH_SECRET", "unit-options-secret-second-111111");
    const after = getNextAuthOptions();
    expect(after.secret).toBe("unit-options-secret-second-111111");
    expect(after).not.toBe(before);
    expect(getNextAuthOptions()).toBe(after);
  });
});

describe("the session cookie", () => {
  const cookieWith = (env: Record<string, string>) => {
    for (const name of ["NEXTAUTH_URL", "AUTH_TRUST_HOST", "VERCEL"]) vi.stubEnv(name, "");
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    const { name, options } = getNextAuthOptions().cookies.sessionToken;
    return [name, options.secure];
  };

  it.each([
    ["behind a trusted proxy in production", { NODE_ENV: "production", AUTH_TRUST_HOST: "true" }, true],
    ["on Vercel", { NODE_ENV: "production", VERCEL: "1" }, true],
    [
      "at an https NEXTAUTH_URL, even under npm run dev",
      { NODE_ENV: "development", NEXTAUTH_URL: "https://a.test" },
      true,
    ],
    ["at an http NEXTAUTH_URL", { NODE_ENV: "production", NEXTAUTH_URL: "http://127.0.0.1:3000" }, false],
    // .env.development trusts the Host header so sign-in follows the port; the page is still plain http.
    ["under npm run dev, which trusts the Host header", { NODE_ENV: "development", AUTH_TRUST_HOST: "true" }, false],
  ])("is Secure or not as it must be %s", (_, env, secure) => {
    expect(cookieWith(env)).toEqual([`${secure ? "__Secure-" : ""}next-auth.session-token`, secure]);
  });
});
