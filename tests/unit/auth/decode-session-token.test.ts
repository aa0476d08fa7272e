import { decode, encode } from "next-auth/jwt";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { decodeSessionToken } from "@/lib/auth/decode-session-token";

vi.mock("next-auth/jwt", async (importOriginal) => {
  const nextAuthJwt = await importOriginal<typeof import("next-auth/jwt")>();
  return { ...nextAuthJwt, decode: vi.fn(nextAuthJwt.decode) };
});

const SECRET = "unit-session-token-secret-7a1c";
const claims = { sub: "user-alice", userId: "user-alice", accountId: "account-acme" };
const mint = (maxAge = 60) => encode({ token: claims, secret: SECRET, maxAge });

// A block body: a function returned from beforeEach would run as its teardown.
beforeEach(() => {
  vi.mocked(decode).mockClear();
});
afterEach(() => vi.useRealTimers());

describe("decodeSessionToken", () => {
  it("reads back a token next-auth's encode wrote, and only with the same secret", async () => {
    const token = await mint();
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    await expect(decodeSessionToken({ token, secret: "another-secret" })).rejects.toThrow();
    const foreign = await encode({ token: claims, secret: "another-secret", maxAge: 60 });
    await expect(decodeSessionToken({ token: foreign, secret: SECRET })).rejects.toThrow();
  });

  it("decrypts a token once, then answers from memory", async () => {
    const token = await mint();
    await decodeSessionToken({ token, secret: SECRET });
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("refuses a token once it expires, even one it decoded before", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-28T00:00:00Z"), toFake: ["Date"] });
    const token = await mint(60);
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject(claims);
    // Past `exp` and next-auth's 15 s clock tolerance.
    vi.setSystemTime(new Date("2026-11-28T00:01:16Z"));
    await expect(decodeSessionToken({ token, secret: SECRET })).rejects.toThrow(/"exp" claim timestamp check failed/);
  });

  it("hands each reader its own copy of the claims, the cached ones included", async () => {
    const token = await mint();
    const first = await decodeSessionToken({ token, secret: SECRET });
    first!.userId = "changed-by-the-first-reader";
    const second = await decodeSessionToken({ token, secret: SECRET });
    expect(second).toMatchObject({ userId: "user-alice" });
    second!.userId = "changed-by-the-second-reader";
    expect(await decodeSessionToken({ token, secret: SECRET })).toMatchObject({ userId: "user-alice" });
    expect(decode).toHaveBeenCalledTimes(1);
  });

  it("refuses a token changed by one character after a good one was decoded", async () => {
    const token = await mint();
    await decodeSessionToken({ token, secret: SECRET });
    const tampered = `${token.slice(0, -2)}${token.at(-2) === "A" ? "B" : "A"}${token.at(-1)}`;
    await expect(decodeSessionToken({ token: tampered, secret: SECRET })).rejects.toThrow();
  });

  it("keeps at most 1000 tokens, dropping the least recently read", async () => {
    const first = await mint();
    await decodeSessionToken({ token: first, secret: SECRET });
    const others = await Promise.all(Array.from({ length: 1000 }, () => mint()));
    for (const token of others) await decodeSessionToken({ token, secret: SECRET });
    expect(decode).toHaveBeenCalledTimes(1001);
    await decodeSessionToken({ token: others.at(-1), secret: SECRET });
    expect(decode).toHaveBeenCalledTimes(1001);
    await decodeSessionToken({ token: first, secret: SECRET });
    expect(decode).toHaveBeenCalledTimes(1002);
  });
});
