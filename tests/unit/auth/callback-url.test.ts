import { describe, expect, it } from "vitest";

import { safeCallbackPath } from "@/lib/auth/callback-url";

describe("safeCallbackPath", () => {
  it.each([
    ["/integrations", "/integrations"],
    ["/integrations?mode=inline&theme=dark", "/integrations?mode=inline&theme=dark"],
    ["/a/../b#top", "/b#top"],
  ])("keeps the same-site path %s", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\\/evil.example",
    "\\\\evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "/\t/evil.example",
    "/\n/evil.example",
    "",
    "integrations",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe("/integrations");
  });

  it("refuses what is not a string", () => {
    expect(safeCallbackPath(["/a", "/b"])).toBe("/integrations");
    expect(safeCallbackPath(undefined, "/")).toBe("/");
  });
});
