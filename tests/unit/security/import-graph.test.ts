import { join, sep } from "node:path";

import { describe, expect, it } from "vitest";

import { ROOMS } from "@/lib/room";

import {
  isTestCode,
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

const ROOM_DESCRIPTION = /^lib\/rooms\/[\w-]+\/(room|settings|public|credentials)\.ts$/;

interface RoomFolders {
  name: string;
  folders: string[];
}

/** Each installed room and its folders: lib/rooms/<name>/ and the route folders it declares. */
const INSTALLED: RoomFolders[] = ROOMS.map(({ name, routes = [] }) => ({
  name,
  folders: [`lib/rooms/${name}/`, ...routes.map((route) => `${route}/`)],
}));

/** The room a file belongs to, if any. */
function roomOf(path: string, rooms = INSTALLED): string | undefined {
  const relative = relativeToRoot(path).split(sep).join("/");
  return rooms.find(({ folders }) => folders.some((folder) => relative.startsWith(folder)))?.name;
}

/** Tests that need two rooms at once: they name both, and `npm run remove-room` takes them with either. */
const isAcrossRooms = (path: string) => relativeToRoot(path).startsWith(join("tests", "across-rooms") + sep);
const COMPOSITION_POINT = join("lib", "rooms.ts");

/** Every import of `module`, type-only and `import()` included, that lands in a room it may not reach. */
function forbiddenRoomImports(module: SourceModule, rooms = INSTALLED): string[] {
  const from = relativeToRoot(module.path);
  if (from === COMPOSITION_POINT || isAcrossRooms(module.path)) return [];
  const own = roomOf(module.path, rooms);
  return allImports(module)
    .filter((target) => {
      const room = roomOf(target, rooms);
      return room !== undefined && room !== own;
    })
    .map((target) => `${from} → ${relativeToRoot(target)}`);
}

function allImports(module: SourceModule): string[] {
  return [...module.staticImports, ...module.typeImports, ...module.dynamicImports.map(({ specifier }) => specifier)]
    .map((specifier) => resolveImport(module.path, specifier))
    .filter((target): target is string => target !== undefined);
}

/** Circles of static imports that survive compilation, each as "a → b → … → a". */
function importCycles(sources: SourceModule[], loader = load): string[] {
  const cycles: string[] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (path: string) => {
    state.set(path, "open");
    stack.push(path);
    for (const specifier of loader(path).staticImports) {
      const target = specifier === "server-only" ? undefined : resolveImport(path, specifier);
      if (!target) continue;
      if (state.get(target) === "open") {
        cycles.push([...stack.slice(stack.indexOf(target)), target].map(relativeToRoot).join(" → "));
      } else if (!state.has(target)) visit(target);
    }
    stack.pop();
    state.set(path, "done");
  };
  for (const { path } of sources) if (!state.has(path)) visit(path);
  return cycles;
}

describe("rooms", () => {
  it("are each a folder under lib/rooms/ and a line of lib/rooms.ts", () => {
    const composition = load(join(ROOT, COMPOSITION_POINT)).staticImports;
    for (const { name } of ROOMS) {
      expect(under(join("lib", "rooms", name) + sep).length).toBeGreaterThan(0);
      expect(composition).toContain(`@/lib/rooms/${name}/room`);
    }
  });

  it("are named by the core at lib/rooms.ts only, and never reach into one another", () => {
    expect([...modules.values()].flatMap((module) => forbiddenRoomImports(module))).toEqual([]);
  });

  it("would catch the core importing a room, even a type, and one room importing another's internals", () => {
    // Two pretend rooms over real folders, so the check does not depend on which rooms are installed.
    const rooms = [
      { name: "alpha", folders: ["lib/integry/browser/", "app/sign-in/"] },
      { name: "beta", folders: ["lib/auth/"] },
    ];
    const pretend = (path: string, source: string) => parseModule(join(ROOT, path), source);
    expect(
      [
        pretend("lib/integry/server/pretend.ts", 'import type { SessionUser } from "@/lib/auth/session-user";'),
        // Split, or this file's own scan would read it as an import().
        pretend("app/pretend/page.tsx", "const problem = await import" + '("@/lib/integry/browser/problem");'),
        pretend("lib/integry/browser/pretend.ts", 'import { findDemoUser } from "@/lib/auth/demo-users";'),
        pretend("app/sign-in/pretend.ts", 'import { safeCallbackPath } from "@/lib/auth/safe-redirect";'),
        pretend("lib/auth/fine.ts", 'import { AppError } from "@/lib/errors";'),
      ].flatMap((module) => forbiddenRoomImports(module, rooms)),
    ).toEqual([
      "lib/integry/server/pretend.ts → lib/auth/session-user.ts",
      "app/pretend/page.tsx → lib/integry/browser/problem.tsx",
      "lib/integry/browser/pretend.ts → lib/auth/demo-users.ts",
      "app/sign-in/pretend.ts → lib/auth/safe-redirect.ts",
    ]);
  });

  it.each(["app/integrations/page.tsx", "app/api/integry-params/route.ts", "app/page.tsx"])(
    "%s loads no room's code with it, only the rooms' descriptions (room.ts, settings.ts)",
    (entry) => {
      const loaded = [...serverGraph(join(ROOT, entry), load).chains]
        .filter(([path]) => path !== "server-only" && roomOf(path) !== undefined)
        .filter(([path]) => !ROOM_DESCRIPTION.test(relativeToRoot(path).split(sep).join("/")))
        .map(([, chain]) => chain.map(relativeToRoot).join(" → "));
      expect(loaded).toEqual([]);
    },
  );

  const roomCode = under(join("lib", "rooms") + sep).find(
    (module) => !isTestCode(module.path) && !ROOM_DESCRIPTION.test(relativeToRoot(module.path).split(sep).join("/")),
  );
  it.skipIf(!roomCode)("would catch a room's description importing its code statically", () => {
    const code = roomCode!;
    const name = roomOf(code.path)!;
    const eager = `import * as code from "@/${relativeToRoot(code.path).replace(/\.tsx?$/, "")}";`;
    const description = join("lib", "rooms", name, "room.ts");
    const chains = serverGraph(join(ROOT, "app", "integrations", "page.tsx"), pretending(description, eager)).chains;
    expect([...chains.keys()]).toContain(code.path);
  });
});

describe("imports", () => {
  it("never go round in a circle", () => {
    expect(importCycles([...modules.values()])).toEqual([]);
  });

  it("would catch a circle, as lib/env.ts ⇄ the auth settings once made", () => {
    const env = join("lib", "env.ts");
    const circular = pretending(env, 'import { getAuthSettings } from "@/lib/auth/settings";\nexport const x = 1;');
    expect(importCycles([load(join(ROOT, env))], circular)).toContainEqual(
      expect.stringMatching(/^lib\/env\.ts → lib\/auth\/settings\.ts → .* → lib\/env\.ts$/),
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
  it("never go from lib/ to app/, but for a room's tests of its own routes", () => {
    const code = under(`lib${sep}`).filter((module) => !isTestCode(module.path));
    expect(code.flatMap((module) => importsInto(`app${sep}`, module))).toEqual([]);
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
