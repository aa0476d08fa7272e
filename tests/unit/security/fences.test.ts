import { readFileSync } from "node:fs";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import {
  clientGraph,
  isTestCode,
  listSourceFiles,
  parseModule,
  relativeToRoot,
  ROOT,
  type SourceModule,
} from "./module-graph";

// The app's code: its tests may read a secret to check it never leaks.
const modules = new Map(
  listSourceFiles("app", "lib")
    .filter((path) => !isTestCode(path))
    .map((path) => [path, parseModule(path)]),
);
const load = (path: string): SourceModule => modules.get(path) ?? parseModule(path);

/** Server code a client module must never pull into the browser, as "chain → module" lines. */
function serverCodeReachedFrom(entry: string, loader = load): string[] {
  return [...clientGraph(entry, loader)]
    .filter(([path]) => path === "server-only" || loader(path).importsServerOnly || loader(path).readsSecret)
    .map(([, chain]) => chain.map((path) => (path === "server-only" ? path : relativeToRoot(path))).join(" → "));
}

describe("server-only fences", () => {
  const readers = [...modules.values()].filter((module) => module.readsSecret);

  it("finds the modules that read a secret", () => {
    expect(readers.map((module) => relativeToRoot(module.path))).toEqual(
      expect.arrayContaining(["lib/auth/settings.ts", "lib/integry/server/config.ts", "lib/integry/server/params.ts"]),
    );
  });

  it('has every module that reads a secret import "server-only" first', () => {
    const unfenced = readers.filter((module) => !module.importsServerOnlyFirst).map((m) => relativeToRoot(m.path));
    expect(unfenced).toEqual([]);
  });

  it('has every "server-only" import as the first statement of its module', () => {
    const late = [...modules.values()]
      .filter((module) => module.importsServerOnly && !module.importsServerOnlyFirst)
      .map((module) => relativeToRoot(module.path));
    expect(late).toEqual([]);
  });
});

describe("client components", () => {
  const clientEntries = [...modules.values()].filter((module) => module.isClient).map((module) => module.path);

  it("are found", () => {
    expect(clientEntries.map(relativeToRoot)).toEqual(
      expect.arrayContaining(["app/integrations/integry-embed.tsx", "app/sign-in/sign-in-buttons.tsx"]),
    );
  });

  it.each(clientEntries.map((path) => [relativeToRoot(path), path]))(
    "%s pulls in no server-only module and reads no secret",
    (_, entry) => {
      expect(serverCodeReachedFrom(entry)).toEqual([]);
    },
  );

  // The checks above must be able to fail: a pretend client module that breaks each rule.
  const pretend = (source: string) => {
    const path = join(ROOT, "app", "pretend-client.tsx");
    return serverCodeReachedFrom(path, (p) => (p === path ? parseModule(p, `"use client";\n${source}`) : load(p)));
  };

  it("would catch a client module importing server code, directly or through another module", () => {
    expect(pretend('import { getSessionUser } from "@/lib/auth/session";')).toEqual(
      expect.arrayContaining([
        "app/pretend-client.tsx → lib/auth/session.ts",
        "app/pretend-client.tsx → lib/auth/session.ts → server-only",
      ]),
    );
    expect(pretend('const route = await import("@/app/api/integry-params/route");')).toContain(
      "app/pretend-client.tsx → app/api/integry-params/route.ts → lib/auth/session.ts",
    );
  });

  it("would catch a client module reading the app secret", () => {
    expect(pretend("export const leak = process.env.INTEGRY_APP_SECRET;")).toEqual(["app/pretend-client.tsx"]);
  });

  it("lets a client module import types from server modules: they are erased", () => {
    expect(pretend('import type { IntegryConfig } from "@/lib/integry/server/config";')).toEqual([]);
  });
});

describe("the environment", () => {
  it("is read by lib/env.ts alone, at run time", () => {
    const readers = listSourceFiles("app", "lib").filter((path) => readFileSync(path, "utf8").includes("process.env"));
    expect(readers.map(relativeToRoot)).toEqual(["lib/env.ts"]);
  });
});

describe("public environment variables", () => {
  // Next.js inlines every NEXT_PUBLIC_ variable, and next.config's `env`, into the browser bundle.
  const files = [...listSourceFiles("app", "lib"), join(ROOT, "next.config.mjs"), join(ROOT, ".env.local.example")];

  // The allow-list of variables client code may read: an innocent name (NEXT_PUBLIC_INTEGRY_SIGNING_KEY)
  // could still be set to a secret by a deployment, so every one must be named here on purpose.
  const ALLOWED_PUBLIC_VARIABLES: readonly string[] = [];
  const publicNamesIn = (text: string) => text.match(/NEXT_PUBLIC_\w+/g) ?? [];

  it("none is read but those on the allow-list", () => {
    const names = files.flatMap((path) => publicNamesIn(readFileSync(path, "utf8")));
    expect(names.filter((name) => !ALLOWED_PUBLIC_VARIABLES.includes(name))).toEqual([]);
  });

  it("would catch an innocently named one", () => {
    expect(publicNamesIn("const key = process.env.NEXT_PUBLIC_INTEGRY_SIGNING_KEY;")).toEqual([
      "NEXT_PUBLIC_INTEGRY_SIGNING_KEY",
    ]);
  });

  it("next.config.mjs names no secret, so it cannot hand one to the bundle", () => {
    expect(readFileSync(join(ROOT, "next.config.mjs"), "utf8")).not.toMatch(/SECRET/);
  });
});
