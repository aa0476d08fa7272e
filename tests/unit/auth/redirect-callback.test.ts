import { describe, expect, it } from "vitest";

import { parseAuthSettings } from "@/lib/auth/settings";
import { nextAuthOptionsFor } from "@/lib/auth/options";

const baseUrl = "https://app.example.com";
const { redirect } = nextAuthOptionsFor(parseAuthSettings({ NEXTAUTH_SECRET: "unit-redirect-secret" })).callbacks;

describe("the next-auth redirect callback", () => {
  it.each([
    ["https://app.example.com/integrations?mode=inline", "https://app.example.com/integrations?mode=inline"],
    ["https://app.example.com/a/../integrations#top", "https://app.example.com/integrations#top"],
    ["/integrations?mode=inline", "https://app.example.com/integrations?mode=inline"],
    ["/", "https://app.example.com/"],
    ["https://app.example.com", "https://app.example.com/"],
  ])("keeps the same-origin %j as %j", (url, expected) => {
    expect(redirect({ url, baseUrl })).toBe(expected);
  });

  it.each([
    "https://evil.com",
    "https://evil.com/https://app.example.com/",
    "http://app.example.com/integrations",
    "https://app.example.com:8443/integrations",
    "https://app.example.com.evil.com/integrations",
    "https://app.example.com@evil.com/integrations",
    "//evil.com",
    "https://app.example.com//evil.com",
    "/\\evil.com",
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "/.//evil.com",
    "/a/..//evil.com",
    "/%2e%2e//evil.com",
    "https://app.example.com/.//evil.com",
    "https://app.example.com/a/..//evil.com",
    "https://app.example.com/%2e%2e//evil.com",
    "integrations",
    "",
  ])("sends %j to the home page", (url) => {
    expect(redirect({ url, baseUrl })).toBe("https://app.example.com/");
  });
});
