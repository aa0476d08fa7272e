import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { INTEGRY_STAND_IN } from "@/lib/room";

const SECRET = "unit-nextauth-secret-0c4e";
const jar = vi.hoisted(() => new Map<string, string>());
const incoming = vi.hoisted(() => ({ authorization: "" }));
vi.mock("next/headers", () => ({
  headers: async () => {
    const headers = new Headers();
    if (jar.size) headers.set("cookie", [...jar].map(([name, value]) => `${name}=${value}`).join("; "));
    if (incoming.authorization) headers.set("authorization", incoming.authorization);
    return headers;
  },
}));

/** A fresh module graph per test, so no state from another test leaks in. */
async function getSessionUser() {
  vi.resetModules();
  return (await import("@/lib/auth/session")).getSessionUser();
}

const alice: JWT = {
  sub: "user-alice",
  userId: "user-alice",
  accountId: "account-acme",
  name: "Alice",
  email: "a@x.test",
};
const mint = (claims: JWT, options: { secret?: string; maxAge?: number } = {}) =>
  encode({ token: claims, secret: options.secret ?? SECRET, maxAge: options.maxAge ?? 3600 });

beforeEach(() => {
  jar.clear();
  incoming.authorization = "";
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
});

afterEach(() => vi.unstubAllEnvs());

describe("getSessionUser", () => {
  it("reads the user and account IDs from the session token", async () => {
    jar.set("next-auth.session-token", await mint(alice));
    expect(await getSessionUser()).toEqual({
      id: "user-alice",
      accountId: "account-acme",
      name: "Alice",
      email: "a@x.test",
      image: undefined,
    });
  });

  it("answers null without a cookie, for a forged token, and for an expired one", async () => {
    expect(await getSessionUser()).toBeNull();
    jar.set("next-auth.session-token", await mint(alice, { secret: "someone-elses-secret" }));
    expect(await getSessionUser()).toBeNull();
    jar.set("next-auth.session-token", await mint(alice, { maxAge: -60 }));
    expect(await getSessionUser()).toBeNull();
    jar.set("next-auth.session-token", "not-a-jwt");
    expect(await getSessionUser()).toBeNull();
  });

  it("ignores a valid session token sent as a Bearer token, as getServerSession does", async () => {
    incoming.authorization = `Bearer ${await mint(alice)}`;
    expect(await getSessionUser()).toBeNull();
  });

  it.each([
    ["NEXTAUTH_URL is https", { NEXTAUTH_URL: "https://app.example.com" }],
    ["a trusted proxy stands in front", { NEXTAUTH_URL: "", AUTH_TRUST_HOST: "true" }],
    ["on Vercel", { NEXTAUTH_URL: "", VERCEL: "1" }],
  ])("reads the __Secure- cookie, and only it, when %s", async (_, env) => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    jar.set("next-auth.session-token", await mint(alice));
    expect(await getSessionUser()).toBeNull();
    jar.set("__Secure-next-auth.session-token", await mint({ ...alice, userId: "user-secure" }));
    expect(await getSessionUser()).toMatchObject({ id: "user-secure" });
  });

  it("joins a token next-auth split into numbered chunks, in their order", async () => {
    const token = await mint(alice);
    const third = Math.ceil(token.length / 3);
    jar.set("next-auth.session-token.2", token.slice(2 * third));
    jar.set("next-auth.session-token.0", token.slice(0, third));
    jar.set("next-auth.session-token.1", token.slice(third, 2 * third));
    expect(await getSessionUser()).toMatchObject({ id: "user-alice" });
  });

  it("runs the jwt callback: a revoked user or account has no session", async () => {
    jar.set("next-auth.session-token", await mint(alice));
    vi.stubEnv("AUTH_REVOKED_IDS", "someone-else, user-alice");
    expect(await getSessionUser()).toBeNull();
    vi.stubEnv("AUTH_REVOKED_IDS", "account-acme");
    expect(await getSessionUser()).toBeNull();
    vi.stubEnv("AUTH_REVOKED_IDS", "someone-else");
    expect(await getSessionUser()).toMatchObject({ id: "user-alice" });
  });

  it("reads a cookie once, yet a revocation, a new secret or the token's expiry takes effect on the next read", async () => {
    vi.resetModules();
    const { getSessionUser: read } = await import("@/lib/auth/session");
    jar.set("next-auth.session-token", await mint(alice, { maxAge: 2 }));
    const first = await read();
    expect(first).toMatchObject({ id: "user-alice" });
    expect(await read()).toBe(first);
    vi.stubEnv("AUTH_REVOKED_IDS", "account-acme");
    expect(await read()).toBeNull();
    vi.stubEnv("AUTH_REVOKED_IDS", "");
    expect(await read()).toMatchObject({ id: "user-alice" });
    vi.stubEnv("NEXTAUTH_SECRET", "another-unit-nextauth-secret-77a1");
    expect(await read()).toBeNull();
    vi.stubEnv("NEXTAUTH_SECRET", SECRET);
    expect(await read()).toMatchObject({ id: "user-alice" });
    // Past `exp` and next-auth's 15 s clock tolerance.
    vi.useFakeTimers({ now: Date.now() + 20_000, toFake: ["Date"] });
    try {
      expect(await read()).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("refuses to read sessions on a production server without NEXTAUTH_SECRET", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("NODE_ENV", "production");
    await expect(getSessionUser()).rejects.toMatchObject({ code: "misconfigured" });
  });

  it.skipIf(!INTEGRY_STAND_IN)("keeps the fixed development secret to npm run dev with the sandbox", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("NODE_ENV", "development");
    expect(await getSessionUser()).toBeNull();
    vi.stubEnv("INTEGRY_APP_KEY", "real-app-key");
    await expect(getSessionUser()).rejects.toMatchObject({
      code: "misconfigured",
      message: expect.stringContaining("NEXTAUTH_SECRET is missing"),
    });
  });
});
