import { join, sep } from "node:path";

import { describe, expect, it } from "vitest";

import {
  listSourceFiles,
  parseModule,
  relativeToRoot,
  resolveImport,
  ROOT,
  serverGraph,
  type SourceModule,
} from "./module-graph";

const modules = new Map(listSourceFiles("app", "lib", "scripts", "tests").map((path) => [path, parseModule(path)]));
const load = (path: string): SourceModule => modules.get(path) ?? parseModule(path);
const under = (folder: string) =>
  [...modules.values()].filter((module) => relativeToRoot(module.path).startsWith(folder));

/** A loader that reads `source` for the file at `path` (relative to the root), and the real file for any other. */
const pretending = (path: string, source: string) => {
  const pretendPath = join(ROOT, path);
  return (p: string) => (p === pretendPath ? parseModule(p, source) : load(p));
};

describe("the real-mode page", () => {
  const SANDBOX = `lib${sep}optional${sep}sandbox${sep}`;
  const LOAD = join("lib", "optional", "connected-apps", "load.ts");

  /** Sandbox modules the entry loads with it, as import chains; and its `import()`s of one, guarded or not. */
  function sandboxReachedFrom(entry: string, loader = load) {
    const { chains, dynamicImports } = serverGraph(join(ROOT, entry), loader);
    return {
      loaded: [...chains]
        .filter(([path]) => relativeToRoot(path).startsWith(SANDBOX))
        .map(([, chain]) => chain.map(relativeToRoot).join(" → ")),
      dynamic: dynamicImports
        .filter(({ target }) => target && relativeToRoot(target).startsWith(SANDBOX))
        .map(({ from, target, line }) => {
          const guard = /^if \(config\.sandbox\)/.test(line) ? "" : " (unguarded)";
          return `${relativeToRoot(from)} → ${relativeToRoot(target!)}${guard}`;
        }),
    };
  }

  it.each([
    ["app/integrations/page.tsx", ["connected-apps/load.ts", "flow-delivery/transport.ts"]],
    ["app/api/connected-apps/route.ts", ["connected-apps/load.ts"]],
    ["app/api/leads/route.ts", ["flow-delivery/transport.ts"]],
  ])("%s loads no sandbox module; its import()s of the sandbox sit behind config.sandbox", (entry, seams) => {
    expect(sandboxReachedFrom(entry)).toEqual({
      loaded: [],
      dynamic: seams.map((seam) => `lib/optional/${seam} → lib/optional/sandbox/in-process-fetch.ts`),
    });
  });

  it("would catch load.ts importing the sandbox statically, as it once did", () => {
    const staticImport = 'import { sandboxRestApi } from "@/lib/rooms/sandbox/in-process-fetch";';
    expect(sandboxReachedFrom("app/integrations/page.tsx", pretending(LOAD, staticImport)).loaded).toContain(
      "app/integrations/page.tsx → lib/optional/connected-apps/panel.tsx → lib/optional/connected-apps/load.ts → " +
        "lib/optional/sandbox/in-process-fetch.ts",
    );
  });

  it("would catch an import() of the sandbox not behind config.sandbox, or a second one", () => {
    const unguarded = 'const { sandboxRestApi } = await import("@/lib/rooms/sandbox/in-process-fetch");';
    expect(sandboxReachedFrom("app/integrations/page.tsx", pretending(LOAD, unguarded)).dynamic).toContain(
      "lib/optional/connected-apps/load.ts → lib/optional/sandbox/in-process-fetch.ts (unguarded)",
    );
    const secondOne =
      'import { ConnectedAppsPanel } from "@/lib/rooms/connected-apps/panel";\n' +
      'if (config.sandbox) await import("@/lib/rooms/sandbox/handler");';
    const page = join("app", "integrations", "page.tsx");
    expect(sandboxReachedFrom("app/integrations/page.tsx", pretending(page, secondOne)).dynamic).toContain(
      "app/integrations/page.tsx → lib/optional/sandbox/handler.ts",
    );
  });
});

/** Every import of `module`, type-only and `import()` included, that lands under `folder`, as "from → to". */
function importsInto(folder: string, module: SourceModule): string[] {
  const specifiers = [
    ...module.staticImports,
    ...module.typeImports,
    ...module.dynamicImports.map(({ specifier }) => specifier),
  ];
  return specifiers
    .map((specifier) => resolveImport(module.path, specifier))
    .filter((target) => target && relativeToRoot(target).startsWith(folder))
    .map((target) => `${relativeToRoot(module.path)} → ${relativeToRoot(target!)}`);
}

describe("arrows between top-level folders", () => {
  it("never go from lib/ to app/", () => {
    expect(under(`lib${sep}`).flatMap((module) => importsInto(`app${sep}`, module))).toEqual([]);
  });

  it("would catch a lib/ module importing from app/, even a type or by a relative path", () => {
    const path = join(ROOT, "lib", "optional", "pretend.ts");
    const source =
      'import { GET } from "../../app/api/health/route";\n' +
      'import type { IntegryEmbed } from "@/app/integrations/integry-embed";';
    expect(importsInto(`app${sep}`, parseModule(path, source))).toEqual([
      "lib/optional/pretend.ts → app/api/health/route.ts",
      "lib/optional/pretend.ts → app/integrations/integry-embed.tsx",
    ]);
  });

  it("never go from scripts/ to tests/, nor from tests/ to scripts/", () => {
    expect(under(`scripts${sep}`).flatMap((module) => importsInto(`tests${sep}`, module))).toEqual([]);
    expect(under(`tests${sep}`).flatMap((module) => importsInto(`scripts${sep}`, module))).toEqual([]);
  });

  it("would catch a script importing a test helper, and a test importing a script", () => {
    const script = parseModule(
      join(ROOT, "scripts", "pretend.ts"),
      'import { createDatabase } from "../tests/support/postgres";',
    );
    expect(importsInto(`tests${sep}`, script)).toEqual(["scripts/pretend.ts → tests/support/postgres.ts"]);
    // A static import: this file is scanned too, and an import() written in a string here would count as its own.
    const test = parseModule(
      join(ROOT, "tests", "unit", "pretend.test.ts"),
      'import { main } from "@/scripts/check-env";',
    );
    expect(importsInto(`scripts${sep}`, test)).toEqual(["tests/unit/pretend.test.ts → scripts/check-env.ts"]);
  });
});

/** Modules in a `server/` folder without "server-only" first, and those in `browser/` or `shared/` with it. */
function misplacedFences(libModules: SourceModule[]): string[] {
  return libModules.flatMap((module) => {
    const folders = relativeToRoot(module.path).split(sep).slice(0, -1);
    if (folders.includes("server") && !module.importsServerOnlyFirst) {
      return [`${relativeToRoot(module.path)}: no "server-only" first`];
    }
    if ((folders.includes("browser") || folders.includes("shared")) && module.importsServerOnly) {
      return [`${relativeToRoot(module.path)}: imports "server-only"`];
    }
    return [];
  });
}

describe("folders that say where code runs", () => {
  it("finds the core's server/, browser/ and shared/ modules", () => {
    expect(under(`lib${sep}`).map((module) => relativeToRoot(module.path))).toEqual(
      expect.arrayContaining([
        "lib/integry/server/hash.ts",
        "lib/integry/browser/use-integry-sdk.ts",
        "lib/integry/shared/types.ts",
      ]),
    );
  });

  it('have every server/ module import "server-only" first, and no browser/ or shared/ module import it', () => {
    expect(misplacedFences(under(`lib${sep}`))).toEqual([]);
  });

  it("would catch a server/ module without the fence, one with it late, and a shared/ or browser/ one with it", () => {
    const pretend = (path: string, source: string) => parseModule(join(ROOT, "lib", "integry", path), source);
    expect(
      misplacedFences([
        pretend("server/pretend.ts", 'export const secret = "s";'),
        pretend("server/late.ts", 'import { AppError } from "@/lib/errors";\nimport "server-only";'),
        pretend("shared/pretend.ts", 'import "server-only";'),
        pretend("browser/pretend.ts", 'import "server-only";'),
        pretend("server/fenced.ts", 'import "server-only";\n\nexport const secret = "s";'),
      ]),
    ).toEqual([
      'lib/integry/server/pretend.ts: no "server-only" first',
      'lib/integry/server/late.ts: no "server-only" first',
      'lib/integry/shared/pretend.ts: imports "server-only"',
      'lib/integry/browser/pretend.ts: imports "server-only"',
    ]);
  });
});
