import { describe, expect, it } from "vitest";

import { callbackUrlProblem } from "@/lib/rooms/flows/callback-url";

const INTEGRY = ["integry.io"];

describe("callbackUrlProblem", () => {
  it.each([
    ["https://integry.io/callbacks/1"],
    ["https://api.integry.io/callbacks/1?token=t0k3n"],
    ["https://hooks.eu.api.integry.io/x"],
    ["https://API.Integry.IO/x"],
    ["https://api.integry.io:443/x"],
    [`https://api.integry.io/${"a".repeat(2048 - "https://api.integry.io/".length)}`],
  ])("accepts %s", (url) => {
    expect(callbackUrlProblem(url, INTEGRY)).toBeUndefined();
  });

  it.each([
    [undefined, "is not a string"],
    [42, "is not a string"],
    [{ href: "https://api.integry.io/x" }, "is not a string"],
    ["", "is not an absolute URL"],
    ["api.integry.io/x", "is not an absolute URL"],
    ["/callbacks/1", "is not an absolute URL"],
    ["https://", "is not an absolute URL"],
    [`https://api.integry.io/${"a".repeat(2049 - "https://api.integry.io/".length)}`, "is longer than 2048 characters"],
    [" https://api.integry.io/x", "contains whitespace or a control character"],
    ["https://api.integ\nry.io/x", "contains whitespace or a control character"],
    ["https://api.integry.io/x\t", "contains whitespace or a control character"],
    ["http://api.integry.io/x", "is not https"],
    ["ftp://api.integry.io/x", "is not https"],
    ["javascript:alert(1)//api.integry.io", "is not https"],
    ["https://user:secret-password@api.integry.io/x", "carries credentials"],
    ["https://user@api.integry.io/x", "carries credentials"],
    ["https://api.integry.io:8443/x", "names a port other than 443"],
    ["https://api.integry.io:80/x", "names a port other than 443"],
    ["https://api.integry.io/x#frag", "has a fragment"],
    ["https://api.integry.io/x#", "has a fragment"],
    ["https://127.0.0.1/x", "is an IP address, not a host name"],
    ["https://2130706433/x", "is an IP address, not a host name"],
    ["https://0x7f.1/x", "is an IP address, not a host name"],
    ["https://169.254.169.254/latest/meta-data", "is an IP address, not a host name"],
    ["https://[::1]/x", "is an IP address, not a host name"],
    ["https://[::ffff:127.0.0.1]/x", "is an IP address, not a host name"],
    ["https://[2606:4700::1111]/x", "is an IP address, not a host name"],
    ["https://localhost/x", "is localhost"],
    ["https://api.integry.io.localhost/x", "is localhost"],
    ["https://evil.example/x", "is not on an allowed host"],
    ["https://evilintegry.io/x", "is not on an allowed host"],
    ["https://integry.io.evil.example/x", "is not on an allowed host"],
    ["https://api.integry.io./x", "is not on an allowed host"],
    ["https://аpi.іntegry.io/x", "is not on an allowed host"],
    ["https://evil.example\\.integry.io/x", "is not on an allowed host"],
  ])("refuses %j: %s", (value, problem) => {
    expect(callbackUrlProblem(value, INTEGRY)).toBe(problem);
  });

  it("allows a host alone, not its subdomains, when the entry is written =host", () => {
    const exact = ["=hooks.integry.io"];
    expect(callbackUrlProblem("https://hooks.integry.io/x", exact)).toBeUndefined();
    expect(callbackUrlProblem("https://a.hooks.integry.io/x", exact)).toBe("is not on an allowed host");
    expect(callbackUrlProblem("https://integry.io/x", exact)).toBe("is not on an allowed host");
    expect(callbackUrlProblem("https://a.hooks.integry.io/x", ["hooks.integry.io"])).toBeUndefined();
  });

  it("refuses every host when none is allowed", () => {
    expect(callbackUrlProblem("https://api.integry.io/x", [])).toBe("is not on an allowed host");
  });

  it("refuses an IP address even when an allowed host is its suffix", () => {
    expect(callbackUrlProblem("https://10.0.0.1/x", ["1"])).toBe("is an IP address, not a host name");
  });

  it("names no part of the URL in its reason", () => {
    const problem = callbackUrlProblem("https://user:hunter2@evil.example:8443/x?token=t0k3n", INTEGRY);
    expect(problem).toBe("carries credentials");
    expect(problem).not.toMatch(/hunter2|t0k3n|evil/);
  });
});
