import { afterEach, describe, expect, it, vi } from "vitest";

import { sessionJwt } from "@/lib/auth/session-jwt";

const SECRET = "unit-session-jwt-secret-7a1c";
const claims = { sub: "user-alice", userId: "user-alice", accountId: "account-acme" };

afterEach(() => vi.useRealTimers());

describe("sessionJwt", () => {
  it("decodes what it encodes, and only with the same secret", async () => {
    const token = await sessionJwt.encode({ token: claims, secret: SECRET, maxAge: 60 });
    expect(await sessionJwt.decode({ token, secret: SECRET })).toMatchObject(claims);
    await expect(sessionJwt.decode({ token, secret: "another-secret" })).rejects.toThrow();
  });

  it("refuses a token once it expires, even one it decoded before", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-28T00:00:00Z"), toFake: ["Date"] });
    const token = await sessionJwt.encode({ token: claims, secret: SECRET, maxAge: 60 });
    expect(await sessionJwt.decode({ token, secret: SECRET })).toMatchObject(claims);
    vi.setSystemTime(new Date("2026-11-28T00:01:16Z"));
    await expect(sessionJwt.decode({ token, secret: SECRET })).rejects.toThrow(/exp/);
  });

  it("hands each reader its own copy of the claims", async () => {
    const token = await sessionJwt.encode({ token: claims, secret: SECRET, maxAge: 60 });
    const first = await sessionJwt.decode({ token, secret: SECRET });
    first!.userId = "changed-by-a-callback";
    expect(await sessionJwt.decode({ token, secret: SECRET })).toMatchObject({ userId: "user-alice" });
  });

  it("refuses a token changed by one character after a good one was decoded", async () => {
    const token = await sessionJwt.encode({ token: claims, secret: SECRET, maxAge: 60 });
    await sessionJwt.decode({ token, secret: SECRET });
    const tampered = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;
    await expect(sessionJwt.decode({ token: tampered, secret: SECRET })).rejects.toThrow();
  });
});
