import { readFileSync } from "node:fs";

import { describe, expect, it } from "vitest";

import { envReader } from "@/lib/env";
import { ADOPTER_VARIABLES } from "@/lib/env-check";
import { ENV_SCHEMA } from "@/lib/room";

const { read: readVariable } = envReader(ENV_SCHEMA);

// Set or commented out: "NAME=…" or "# NAME=…" at the start of a line.
const documented = [...readFileSync(".env.local.example", "utf8").matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map(
  ([, name]) => name,
);

describe(".env.local.example and the env schema (the core's and each room's)", () => {
  it("documents every variable an adopter sets", () => {
    expect(ADOPTER_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it("documents no variable the schema does not declare", () => {
    expect(documented.filter((name) => !Object.hasOwn(ENV_SCHEMA, name!))).toEqual([]);
  });

  it("leaves out only what the platform sets", () => {
    expect(Object.keys(ENV_SCHEMA).filter((name) => !documented.includes(name))).toEqual(["NODE_ENV", "VERCEL"]);
  });
});

describe("a malformed value", () => {
  it.each([
    ["INTEGRY_APP_KEY", "key/marker", "is malformed: expected letters, digits, '-' or '_'"],
    ["INTEGRY_APP_SECRET", "two words-marker", "is malformed: expected no spaces"],
    ["INTEGRY_APP_SECRET", "pasted-marker\n", "has leading or trailing whitespace"],
    ["INTEGRY_DEPLOYMENT_ID", "12marker", "is malformed: expected a number"],
    ["INTEGRY_SCOPE", "marker", "is malformed: expected user or account"],
    ["INTEGRY_SANDBOX", "marker", "is malformed: expected true or false"],
    ["NEXTAUTH_URL", "marker.example", "is not a URL"],
    ["AUTH_TRUST_HOST", "marker", "is malformed: expected true or false"],
    ["AUTH_DEMO_LOGIN", "marker", "is malformed: expected true or false"],
    ["DATABASE_URL", "//db.example/marker", "is not a URL"],
    ["DATABASE_URL", "mysql://app:marker@db.example/app", "must start with postgres://"],
  ] as const)("%s=%j is named, never quoted", (name: string, value, problem) => {
    expect(() => readVariable({ [name]: value }, name)).toThrow(
      expect.objectContaining({
        code: "misconfigured",
        message: `${name} ${problem}. Set it in .env.local (see .env.local.example).`,
      }),
    );
  });

  it("is no value at all when empty, so the area that needs it says it is missing", () => {
    expect(readVariable({ INTEGRY_APP_KEY: "" }, "INTEGRY_APP_KEY")).toBeUndefined();
    expect(readVariable({ INTEGRY_SCOPE: "" }, "INTEGRY_SCOPE")).toBe("user");
  });
});
