import fc from "fast-check";
import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { constantTimeEqual, integryHash, MAX_INTEGRY_ID_LENGTH } from "@/lib/integry/server/hash";

import { referenceHash as webCryptoHmac } from "../../support/reference-hash";

// Integry's SDK helper's answer for ("app-secret", "user-123").
const INTEGRY_VECTOR = "09672265a6b42ff36f8de85607ebdd23171a1160f21e5064c441719753a26366";

const wellFormed = (maxLength: number) =>
  fc.string({ unit: "binary", minLength: 1, maxLength }).filter((text) => text.isWellFormed());

describe("integryHash", () => {
  it("matches the vector Integry's own SDK helper gives", () => {
    expect(integryHash("app-secret", "user-123")).toBe(INTEGRY_VECTOR);
  });

  // RFC 4231 cases 3, 4, 6 and 7 need key or data bytes >= 0x80, which no string encodes as one UTF-8 byte.
  it("matches RFC 4231 test case 1 (key 0x0b x 20, 'Hi There')", () => {
    expect(integryHash("\x0b".repeat(20), "Hi There")).toBe(
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    );
  });

  it("matches RFC 4231 test case 2 (key 'Jefe')", () => {
    expect(integryHash("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("agrees with Web Crypto over any well-formed Unicode ID and secret, astral planes included", async () => {
    await fc.assert(
      fc.asyncProperty(wellFormed(60), wellFormed(80), async (id, secret) => {
        expect(integryHash(secret, id)).toBe(await webCryptoHmac(secret, id));
      }),
      { seed: 20261125, numRuns: 300 },
    );
  });

  it("gives different hashes for different secrets", () => {
    const first = integryHash("secret-one", "user-1");
    const second = integryHash("secret-two", "user-1");
    expect(second).not.toBe(first);
  });

  it.each([
    ["an empty ID", ""],
    ["a lone high surrogate", "user-\ud800"],
    ["a lone low surrogate", "\udc00user"],
    ["an ID over the length limit", "u".repeat(MAX_INTEGRY_ID_LENGTH + 1)],
  ])("refuses %s with an invalid_identity error", (_, id) => {
    const refusal = () => integryHash("app-secret", id);
    expect(refusal).toThrow(AppError);
    expect(refusal).toThrow(expect.objectContaining({ code: "invalid_identity", status: 422 }));
  });

  it("accepts an ID exactly at the length limit", async () => {
    const id = "u".repeat(MAX_INTEGRY_ID_LENGTH);
    expect(integryHash("app-secret", id)).toBe(await webCryptoHmac("app-secret", id));
  });
});

describe("constantTimeEqual", () => {
  const hash = INTEGRY_VECTOR;

  it("accepts the same hash", () => {
    expect(constantTimeEqual(hash, `${hash}`)).toBe(true);
  });

  it.each([
    ["one changed character", "09672265a6b42ff36f8de85607ebdd23171a1160f21e5064c441719753a26367"],
    ["a prefix", hash.slice(0, 32)],
    ["a longer string", `${hash}00`],
    ["an empty string", ""],
    ["upper case", hash.toUpperCase()],
  ])("refuses %s", (_, received) => {
    expect(constantTimeEqual(hash, received)).toBe(false);
  });
});
