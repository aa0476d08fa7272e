import { createHmac } from "node:crypto";

import { describe, expect, it } from "vitest";

import { AppError } from "@/lib/errors";
import { computeIntegryHash, integryHashesMatch, MAX_INTEGRY_ID_LENGTH } from "@/lib/integry/hash";

const nodeHmac = (secret: string, id: string) => createHmac("sha256", secret).update(id, "utf8").digest("hex");

/** A small seeded PRNG so a failing case can be replayed. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomWellFormedString(random: () => number, length: number): string {
  const ranges: [number, number][] = [
    [0x20, 0x7e], // ASCII
    [0xa0, 0x7ff], // Latin-1 and two-byte UTF-8
    [0x4e00, 0x9fff], // CJK
    [0xe000, 0xfffd], // private use up to the BMP's end, past the surrogates
    [0x1f300, 0x1faff], // emoji (astral plane)
    [0x10000, 0x10ffff], // any astral code point
  ];
  let text = "";
  for (let i = 0; i < length; i++) {
    const [low, high] = ranges[Math.floor(random() * ranges.length)]!;
    text += String.fromCodePoint(low + Math.floor(random() * (high - low + 1)));
  }
  return text;
}

describe("computeIntegryHash", () => {
  it("matches the vector Integry's own SDK helper gives", async () => {
    expect(await computeIntegryHash("app-secret", "user-123")).toBe(
      "09672265a6b42ff36f8de85607ebdd23171a1160f21e5064c441719753a26366",
    );
  });

  it("matches RFC 4231 test case 1 (key 0x0b x 20, 'Hi There')", async () => {
    expect(await computeIntegryHash("\x0b".repeat(20), "Hi There")).toBe(
      "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
    );
  });

  it("matches RFC 4231 test case 2 (key 'Jefe')", async () => {
    expect(await computeIntegryHash("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
  });

  it("agrees with node:crypto over random Unicode IDs and secrets, astral planes included", async () => {
    const random = mulberry32(20261125);
    for (let run = 0; run < 400; run++) {
      const id = randomWellFormedString(random, 1 + Math.floor(random() * 60));
      const secret = randomWellFormedString(random, 1 + Math.floor(random() * 80));
      expect(await computeIntegryHash(secret, id), `run ${run}`).toBe(nodeHmac(secret, id));
    }
  });

  it("gives different hashes for different secrets (the key cache follows the secret)", async () => {
    const first = await computeIntegryHash("secret-one", "user-1");
    const second = await computeIntegryHash("secret-two", "user-1");
    expect(first).toBe(nodeHmac("secret-one", "user-1"));
    expect(second).toBe(nodeHmac("secret-two", "user-1"));
  });

  it.each([
    ["an empty ID", ""],
    ["a lone high surrogate", "user-\ud800"],
    ["a lone low surrogate", "\udc00user"],
    ["an ID over the length limit", "u".repeat(MAX_INTEGRY_ID_LENGTH + 1)],
  ])("refuses %s with an invalid_identity error", async (_, id) => {
    const refusal = computeIntegryHash("app-secret", id);
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({ code: "invalid_identity", status: 422 });
  });

  it("accepts an ID exactly at the length limit", async () => {
    const id = "u".repeat(MAX_INTEGRY_ID_LENGTH);
    expect(await computeIntegryHash("app-secret", id)).toBe(nodeHmac("app-secret", id));
  });
});

describe("integryHashesMatch", () => {
  const hash = nodeHmac("app-secret", "user-123");

  it("accepts the same hash", () => {
    expect(integryHashesMatch(hash, `${hash}`)).toBe(true);
  });

  it.each([
    ["one changed character", `${hash.slice(0, -1)}${hash.endsWith("0") ? "1" : "0"}`],
    ["a prefix", hash.slice(0, 32)],
    ["a longer string", `${hash}00`],
    ["an empty string", ""],
    ["upper case", hash.toUpperCase()],
  ])("refuses %s", (_, received) => {
    expect(integryHashesMatch(hash, received)).toBe(false);
  });
});
