import { encode, type JWT } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const SECRET = "unit-nextauth-secret-0c4e";
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name) } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
  }),
}));
vi.stubEnv("NEXTAUTH_SECRET", SECRET);
const { getSessionUser } = await import("@/lib/session-user");

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
  vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000");
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.stubEnv("NEXTAUTH_SECRET", SECRET);
});

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

  it("reads the __Secure- cookie, and only it, when the app is served over https", async () => {
    vi.stubEnv("NEXTAUTH_URL", "https://app.example.com");
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

  it("refuses to run a production server without NEXTAUTH_SECRET", async () => {
    vi.stubEnv("NEXTAUTH_SECRET", "");
    vi.stubEnv("NODE_ENV", "production");
    await expect(getSessionUser()).rejects.toMatchObject({ code: "misconfigured" });
  });
});
