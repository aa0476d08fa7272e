import { readFileSync } from "node:fs";

import { describe, expect, it, vi } from "vitest";

import { envReader, parsedOnChange, type Env } from "@/lib/env";
import { ADOPTER_VARIABLES } from "@/lib/env-check";
import { ENV_SCHEMA, ROOMS } from "@/lib/room";

const { read: readVariable } = envReader(ENV_SCHEMA);

/** Each variable of .env.local.example ("NAME=…" or "# NAME=…"), with the room whose section holds it, if any. */
function documentedVariables(text = readFileSync(".env.local.example", "utf8")) {
  let room: string | undefined;
  return text.split("\n").flatMap((line) => {
    const section = /^# --- (?:Room ([\w-]+))?/.exec(line);
    if (section) room = section[1];
    const name = /^#?\s*([A-Z][A-Z0-9_]*)=/.exec(line)?.[1];
    return name ? [{ name, room }] : [];
  });
}

const installed = new Set(ROOMS.map(({ name }) => name));
// A removed room's section stays in the file, unused: its variables are no longer the schema's.
const documented = documentedVariables()
  .filter(({ room }) => room === undefined || installed.has(room))
  .map(({ name }) => name);

describe(".env.local.example and the env schema (the core's and each room's)", () => {
  it("documents every variable an adopter sets", () => {
    expect(ADOPTER_VARIABLES.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it("documents no variable the schema does not declare", () => {
    expect(documented.filter((name) => !Object.hasOwn(ENV_SCHEMA, name!))).toEqual([]);
  });

  it("files each room's variables under its section, and would notice one filed elsewhere", () => {
    const ownerOf = (name: string) => ROOMS.find((room) => room.env && Object.hasOwn(room.env, name))?.name;
    const misfiled = documentedVariables().filter(
      ({ name, room }) => Object.hasOwn(ENV_SCHEMA, name) && ownerOf(name) !== room,
    );
    expect(misfiled).toEqual([]);
    const text = "# --- next-auth\nNEXTAUTH_SECRET=\n# --- Room flows\n# INTEGRY_CALLBACK_HOSTS=x\nGITHUB_ID=\n";
    expect(documentedVariables(text)).toEqual([
      { name: "NEXTAUTH_SECRET", room: undefined },
      { name: "INTEGRY_CALLBACK_HOSTS", room: "flows" },
      { name: "GITHUB_ID", room: "flows" },
    ]);
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

describe("parsedOnChange", () => {
  it("parses again exactly when a variable the last parse read has changed", () => {
    const parse = vi.fn((env: Env) => (env.INTEGRY_SCOPE === "account" ? env.INTEGRY_APP_KEY : env.GITHUB_ID));
    const get = parsedOnChange(parse);
    vi.stubEnv("INTEGRY_SCOPE", "user");
    vi.stubEnv("GITHUB_ID", "gh-1");
    expect([get(), get()]).toEqual(["gh-1", "gh-1"]);
    expect(parse).toHaveBeenCalledTimes(1);
    // Not read by the last parse: no new parse.
    vi.stubEnv("INTEGRY_APP_KEY", "key-1");
    expect(get()).toBe("gh-1");
    expect(parse).toHaveBeenCalledTimes(1);
    vi.stubEnv("INTEGRY_SCOPE", "account");
    expect(get()).toBe("key-1");
    vi.stubEnv("INTEGRY_APP_KEY", "key-2");
    expect(get()).toBe("key-2");
    expect(parse).toHaveBeenCalledTimes(3);
    vi.unstubAllEnvs();
  });
});
