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
