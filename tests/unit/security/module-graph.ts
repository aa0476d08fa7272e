import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

import { ENV_SCHEMA } from "@/lib/room";

/** The repository root, for the `@/` alias and for paths in failure messages. */
export const ROOT = resolve(import.meta.dirname, "../../..");

const SOURCE = /\.(ts|tsx|mts|mjs|js|jsx)$/;
// The schema's secrets, so a new one is fenced as soon as it is declared.
const SECRET_NAMES = Object.entries(ENV_SCHEMA)
  .filter(([, variable]) => "secret" in variable)
  .map(([name]) => name)
  .join("|");
// Reading a secret: from an env object, by its name as a key (lib/integry/server/config.ts), or through the config field.
const SECRET_READ = new RegExp(`\\benv\\.(${SECRET_NAMES})\\b|["'\`](${SECRET_NAMES})["'\`]|\\.appSecret\\b`);

export interface SourceModule {
  path: string;
  isClient: boolean;
  importsServerOnlyFirst: boolean;
  importsServerOnly: boolean;
  readsSecret: boolean;
  /** Specifiers of static imports that survive compilation (type-only imports are erased), re-exports included. */
  staticImports: string[];
  /** `import("…")` calls, each with its source line: loaded only when that line runs. */
  dynamicImports: { specifier: string; line: string }[];
  /** Type-only imports: erased from bundles, yet still an arrow from this module to another. */
  typeImports: string[];
}

export function listSourceFiles(...directories: string[]): string[] {
  const files: string[] = [];
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (SOURCE.test(name) && !name.endsWith(".d.ts")) files.push(path);
    }
  };
  for (const directory of directories) walk(join(ROOT, directory));
  return files;
}

// Comments may name a secret or a directive without using it.
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
}

export function parseModule(path: string, text = readFileSync(path, "utf8")): SourceModule {
  const code = stripComments(text);
  const statements = [...code.matchAll(/(?:^|\n)\s*(import|export)\s+([^;]*?)\s*from\s*["']([^"']+)["']/g)];
  const isTypeOnly = (clause: string) => /^type\s/.test(clause) || /^\{\s*(type\s+\w+\s*,?\s*)+\}$/.test(clause);
  const sideEffectImports = [...code.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  const lines = code.split("\n");
  const dynamicImports = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => {
    const index = code.slice(0, match.index).split("\n").length - 1;
    // A formatter may put a long statement's guard on the line before: `if (…)` alone, then the statement.
    const before = lines[index - 1]?.trim() ?? "";
    return { specifier: match[1]!, line: `${/^if \(.*\)$/.test(before) ? `${before} ` : ""}${lines[index]!.trim()}` };
  });
  const firstStatement = code.trim().split(/;|\n/)[0]?.trim() ?? "";
  return {
    path,
    isClient: /^["']use client["']/.test(code.trim()),
    importsServerOnlyFirst: /^import\s*["']server-only["']$/.test(firstStatement),
    importsServerOnly: sideEffectImports.includes("server-only"),
    readsSecret: SECRET_READ.test(code),
    staticImports: [
      ...statements.filter(([, , clause]) => !isTypeOnly(clause!)).map(([, , , specifier]) => specifier!),
      ...sideEffectImports,
    ],
    dynamicImports,
    typeImports: statements.filter(([, , clause]) => isTypeOnly(clause!)).map(([, , , specifier]) => specifier!),
  };
}

/** The project file an import points at, or undefined for a package. */
export function resolveImport(from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith("@/")) base = join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = resolve(dirname(from), specifier);
  else return undefined;
  const candidates = ["", ".ts", ".tsx", ".mjs", ".js", "/index.ts", "/index.tsx"].map((suffix) => base + suffix);
  const found = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!found) throw new Error(`${relative(ROOT, from)} imports ${specifier}, which does not resolve`);
  return found;
}

type ModuleLoader = (path: string) => SourceModule;

/** Every module `follow` leads to from the entry, each with the import chain that brought it in. */
function importChains(
  entry: string,
  load: ModuleLoader,
  follow: (module: SourceModule) => string[],
): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let path = queue.shift(); path; path = queue.shift()) {
    for (const specifier of follow(load(path))) {
      const target = specifier === "server-only" ? "server-only" : resolveImport(path, specifier);
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chains.get(path)!, target]);
      if (target !== "server-only") queue.push(target);
    }
  }
  return chains;
}

/**
 * Every module a client entry pulls into the browser bundle, dynamic imports included, each with the
 * import chain that brought it in, so a failure shows how the server code got there.
 */
export function clientGraph(entry: string, load: ModuleLoader): Map<string, string[]> {
  return importChains(entry, load, (module) => [
    ...module.staticImports,
    ...module.dynamicImports.map(({ specifier }) => specifier),
  ]);
}

export interface ServerGraph {
  /** What loading the entry loads: its static imports, followed, each with its import chain. */
  chains: Map<string, string[]>;
  /** The `import()` calls in those modules, not followed: they load only when their line runs. */
  dynamicImports: { from: string; target: string | undefined; line: string }[];
}

/** A server entry's graph: static imports load with it, so they are followed; `import()` calls are only listed. */
export function serverGraph(entry: string, load: ModuleLoader): ServerGraph {
  const chains = importChains(entry, load, (module) => module.staticImports);
  const dynamicImports = [...chains.keys()]
    .filter((path) => path !== "server-only")
    .flatMap((from) =>
      load(from).dynamicImports.map(({ specifier, line }) => ({ from, target: resolveImport(from, specifier), line })),
    );
  return { chains, dynamicImports };
}

export const relativeToRoot = (path: string) => relative(ROOT, path);

/** A test or a test's helper: `*.test.ts`, or anything in a `tests/` folder (a room's own among them). */
export const isTestCode = (path: string) =>
  /\.test\.tsx?$/.test(path) || relativeToRoot(path).split(sep).includes("tests");
