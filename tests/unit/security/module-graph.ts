import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** The repository root, for the `@/` alias and for paths in failure messages. */
export const ROOT = resolve(import.meta.dirname, "../../..");

const SOURCE = /\.(ts|tsx|mts|mjs|js|jsx)$/;
const SECRET_NAMES = "INTEGRY_APP_SECRET|INTEGRY_API_KEY_SECRET|NEXTAUTH_SECRET|GITHUB_SECRET";
// Reading a secret: from an env object, by its name as a key (lib/integry/server/config.ts), or through the config field.
const SECRET_READ = new RegExp(`\\benv\\.(${SECRET_NAMES})\\b|["'\`](${SECRET_NAMES})["'\`]|\\.appSecret\\b`);

export interface SourceModule {
  path: string;
  isClient: boolean;
  importsServerOnlyFirst: boolean;
  importsServerOnly: boolean;
  readsSecret: boolean;
  /** Specifiers of imports that survive compilation (type-only imports are erased). */
  valueImports: string[];
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
  const valueImports = statements
    .filter(([, , clause]) => !/^type\s/.test(clause!) && !/^\{\s*(type\s+\w+\s*,?\s*)+\}$/.test(clause!))
    .map(([, , , specifier]) => specifier!);
  const sideEffectImports = [...code.matchAll(/(?:^|\n)\s*import\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  const dynamicImports = [...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!);
  const firstStatement = code.trim().split(/;|\n/)[0]?.trim() ?? "";
  return {
    path,
    isClient: /^["']use client["']/.test(code.trim()),
    importsServerOnlyFirst: /^import\s*["']server-only["']$/.test(firstStatement),
    importsServerOnly: sideEffectImports.includes("server-only"),
    readsSecret: SECRET_READ.test(code),
    valueImports: [...valueImports, ...sideEffectImports, ...dynamicImports],
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

/**
 * Every module a client entry pulls into the browser bundle, each with the import chain that
 * brought it in, so a failure shows how the server code got there.
 */
export function clientGraph(entry: string, load: (path: string) => SourceModule): Map<string, string[]> {
  const chains = new Map<string, string[]>([[entry, [entry]]]);
  const queue = [entry];
  for (let path = queue.shift(); path; path = queue.shift()) {
    for (const specifier of load(path).valueImports) {
      const target = specifier === "server-only" ? "server-only" : resolveImport(path, specifier);
      if (!target || chains.has(target)) continue;
      chains.set(target, [...chains.get(path)!, target]);
      if (target !== "server-only") queue.push(target);
    }
  }
  return chains;
}

export const relativeToRoot = (path: string) => relative(ROOT, path);
