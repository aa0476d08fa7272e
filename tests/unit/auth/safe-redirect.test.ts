import { describe, expect, it } from "vitest";

import { safeCallbackPath } from "@/lib/auth/safe-redirect";

describe("safeCallbackPath", () => {
  it.each([
    ["/integrations", "/integrations"],
    ["/integrations?mode=inline", "/integrations?mode=inline"],
    ["/integrations?mode=inline&theme=dark", "/integrations?mode=inline&theme=dark"],
    ["/a/../b#top", "/b#top"],
    ["/a/./b/../c", "/a/c"],
    ["/.", "/"],
    // Dot segments that leave a single leading slash are harmless: decide on where they lead.
    ["/%2e%2e/integrations", "/integrations"],
    // Parsed, each of these would start with `//` or `/\`: a browser reads that as another host.
    ["//evil.example", "/integrations"],
    ["/\\evil.example", "/integrations"],
    ["/\\/evil.example", "/integrations"],
    ["\\\\evil.example", "/integrations"],
    ["/.//evil.com", "/integrations"],
    ["/a/..//evil.com", "/integrations"],
    ["/..//evil.com", "/integrations"],
    ["/%2e%2e//evil.com", "/integrations"],
    ["/%2E%2E//evil.com", "/integrations"],
    ["/%2e//evil.com", "/integrations"],
    ["/.%2e//evil.com", "/integrations"],
    ["/integrations/..//evil.com?next=1#top", "/integrations"],
    ["/.//", "/integrations"],
    ["https://evil.example/", "/integrations"],
    ["javascript:alert(1)", "/integrations"],
    ["/\t/evil.example", "/integrations"],
    ["/\n/evil.example", "/integrations"],
    ["/.\t/evil.example", "/integrations"],
    ["", "/integrations"],
    ["integrations", "/integrations"],
  ])("turns %j into %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it("refuses what is not a string", () => {
    expect(safeCallbackPath(["/a", "/b"])).toBe("/integrations");
    expect(safeCallbackPath(undefined, "/")).toBe("/");
  });

  it("answers the given fallback for a dot-segment trick", () => {
    expect(safeCallbackPath("/.//evil.com", "/")).toBe("/");
  });
});
