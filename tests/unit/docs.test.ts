import { existsSync, readdirSync, readFileSync } from "node:fs";
import { posix } from "node:path";

import { describe, expect, it } from "vitest";

import { ADOPTER_VARIABLES } from "@/lib/env-check";

// A backticked path is repository-relative when it starts with one of these folders, or names a root file.
const REPOSITORY_FOLDERS = new Set(["app", "lib", "tests", "docs", "scripts", ".ci"]);
// `.env.local` and `.env.*.local` are the adopter's own files, never committed.
const ROOT_FILE =
  /^(Dockerfile|[\w-]+(\.[\w-]+)*\.(md|json|ts|tsx|mts|mjs|png)|\.env(\.[a-z]+)*\.(example|development))$/;
// Placeholders, globs, URLs, commands: not a path.
const NOT_A_PATH = /[<>*{}…$?#:=()"'\s]|\/\.\.\.(\/|$)/;

const read = (file: string) => readFileSync(file, "utf8");

/** Every repository path a markdown file names, relative to the repository's root. */
function pathsNamedIn(markdown: string, file: string): string[] {
  const prose = markdown.replace(/^```[^\n]*\n[\s\S]*?^```$/gm, "");
  const found = new Set<string>();
  for (const [, code] of prose.matchAll(/`([^`\n]+)`/g)) {
    if (NOT_A_PATH.test(code!) || code!.startsWith("/")) continue;
    const [first] = code!.split("/");
    if (code!.includes("/") ? REPOSITORY_FOLDERS.has(first!) : ROOT_FILE.test(code!)) found.add(code!);
  }
  // Links, images and HTML attributes are relative to the file that holds them.
  const targets = [
    ...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g),
    ...prose.matchAll(/\b(?:src|srcset|href)="([^"]+)"/g),
  ].map(([, target]) => target!.replace(/[#?].*$/, ""));
  for (const target of targets) {
    if (!target || /^[a-z][\w+.-]*:/i.test(target) || target.startsWith("/")) continue;
    found.add(posix.join(posix.dirname(file), target) + (target.endsWith("/") ? "/" : ""));
  }
  return [...found];
}

// A removed room takes its folders with it: lib/rooms/<room>/, and the others the README's Rooms table lists beside it.
const roomsIndex = existsSync("lib/rooms.ts") ? read("lib/rooms.ts") : "";
const isRemoved = (room: string) => !existsSync(`lib/rooms/${room}`) && !roomsIndex.includes(`rooms/${room}/`);
const roomFolders = read("README.md")
  .split("\n")
  .flatMap((row) => {
    const room = /^\|.*`lib\/rooms\/([\w-]+)\/`/.exec(row)?.[1];
    return room ? [...row.matchAll(/`((?:app|lib)\/[^`]+\/)`/g)].map(([, folder]) => ({ room, folder: folder! })) : [];
  });

function belongsToRemovedRoom(repositoryPath: string): boolean {
  const room = /^lib\/rooms\/([\w-]+)\//.exec(repositoryPath)?.[1];
  if (room && isRemoved(room)) return true;
  return roomFolders.some(({ room, folder }) => repositoryPath.startsWith(folder) && isRemoved(room));
}

const missingPathsIn = (file: string, markdown = read(file)) =>
  pathsNamedIn(markdown, file).filter((named) => !existsSync(named) && !belongsToRemovedRoom(named));

const roomPages = readdirSync("lib/rooms")
  .map((room) => `lib/rooms/${room}/README.md`)
  .filter((page) => existsSync(page));
const documents = [
  "README.md",
  "SECURITY.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
  ...roomPages,
];

describe("the paths the documentation names", () => {
  it("are found in backticks, links and images, relative to the page for links; URLs and placeholders are not", () => {
    const page = [
      "Read `lib/made-up/missing-module.ts` and `lib/env.ts`, then [the page](../docs/nowhere.md#section).",
      "![A picture](integrations-light.png) and `.env.local.example`, not `.env.local` nor `integry-sandbox.invalid`.",
      "Not paths: `/api/leads`, `https://api.integry.io`, `lib/rooms/<room>/`, `lib/rooms/*/README.md`, `next/server`.",
      "```bash",
      "cat `lib/in-a-code-block.ts`",
      "```",
    ].join("\n");
    expect(pathsNamedIn(page, "docs/example.md").sort()).toEqual([
      ".env.local.example",
      "docs/integrations-light.png",
      "docs/nowhere.md",
      "lib/env.ts",
      "lib/made-up/missing-module.ts",
    ]);
    expect(missingPathsIn("docs/example.md", page).sort()).toEqual([
      "docs/nowhere.md",
      "lib/made-up/missing-module.ts",
    ]);
  });

  it("skips the folders of a removed room only", () => {
    expect(belongsToRemovedRoom("lib/rooms/long-gone/room.ts")).toBe(true);
    const installed = roomFolders.filter(({ room }) => !isRemoved(room));
    expect(installed.length).toBeGreaterThan(0);
    expect(installed.filter(({ folder }) => belongsToRemovedRoom(`${folder}made-up.ts`))).toEqual([]);
  });

  it("reads every page: the README, SECURITY.md, docs/ and each room's", () => {
    expect(documents).toEqual(expect.arrayContaining(["README.md", "SECURITY.md", "docs/environment.md"]));
    expect(roomPages.length).toBeGreaterThan(0);
  });

  it.each(documents)("%s names only paths that exist", (file) => {
    expect(missingPathsIn(file)).toEqual([]);
  });
});

describe("the environment table in docs/environment.md", () => {
  const rows = [...read("docs/environment.md").matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*([\w-]+)\s*\|/gm)].map(
    ([, name, room]) => ({ name: name!, room: room! }),
  );
  const names = rows.map(({ name }) => name);
  // A removed room's variables leave the schema; its rows may stay until the page is edited.
  const installed = rows.filter(({ room }) => room === "core" || !isRemoved(room)).map(({ name }) => name);
  // Set or commented out: "NAME=…" or "# NAME=…" at the start of a line.
  const example = [...read(".env.local.example").matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)]
    .map(([, name]) => name!)
    .filter((name) => installed.includes(name) || !rows.some((row) => row.name === name && isRemoved(row.room)));
  const sorted = (list: readonly string[]) => [...list].sort();

  it("has one row per variable, each naming the core or a room of the README's table", () => {
    expect(names.filter((name, index) => names.indexOf(name) !== index)).toEqual([]);
    const rooms = new Set(["core", ...roomFolders.map(({ room }) => room)]);
    expect(rows.filter(({ room }) => !rooms.has(room))).toEqual([]);
  });

  it("names every variable of .env.local.example, and .env.local.example every installed one", () => {
    expect(example.filter((name) => !names.includes(name))).toEqual([]);
    expect(installed.filter((name) => !example.includes(name))).toEqual([]);
  });

  it("names exactly the variables an adopter sets, as the env schema declares them", () => {
    expect(sorted(installed)).toEqual(sorted(ADOPTER_VARIABLES));
  });
});

describe("README.md", () => {
  it("stays a front door: at most 12 KB", () => {
    expect(Buffer.byteLength(read("README.md"))).toBeLessThanOrEqual(12 * 1024);
  });
});
