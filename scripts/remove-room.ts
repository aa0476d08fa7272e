/**
 * `npm run remove-room -- <room> [--dry-run]`: uninstalls a room. Deletes lib/rooms/<room>/, its route folders under
 * app/ and every tests/across-rooms file that needs it, then its one line in lib/rooms.ts. `--dry-run` only lists them.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { ROOMS } from "@/lib/room";

const ACROSS_ROOMS = "tests/across-rooms";
const COMPOSITION_POINT = "lib/rooms.ts";

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const name = args.find((arg) => !arg.startsWith("--"));
const room = ROOMS.find((installed) => installed.name === name);
if (!room) {
  const installed = ROOMS.map((candidate) => candidate.name).join(", ");
  console.error(`${name ? `No room named "${name}"` : "Name a room"}. Installed rooms: ${installed}.`);
  process.exit(2);
}

const root = process.cwd();
const at = (relative: string) => join(root, relative);
const lines = readFileSync(at(COMPOSITION_POINT), "utf8").split("\n");
const line = lines.find((text) => text.includes(`"@/lib/rooms/${room.name}/room"`));
if (!line) {
  console.error(`${COMPOSITION_POINT} has no line importing "@/lib/rooms/${room.name}/room".`);
  process.exit(1);
}

// An across-rooms test names the rooms it needs before its first dot: flows+sandbox.delivery.test.ts.
const acrossTests = existsSync(at(ACROSS_ROOMS))
  ? readdirSync(at(ACROSS_ROOMS))
      .filter((file) => file.split(".")[0]?.split("+").includes(room.name))
      .map((file) => `${ACROSS_ROOMS}/${file}`)
  : [];
const listed = [`lib/rooms/${room.name}`, ...(room.routes ?? []), ...acrossTests];
const doomed = listed.filter((path) => existsSync(at(path)));

console.log(`${dryRun ? "Would remove" : "Removing"} the ${room.name} room:`);
for (const path of listed) console.log(doomed.includes(path) ? `  delete ${path}` : `  skip ${path} (not found)`);
console.log(`  remove from ${COMPOSITION_POINT}: ${line}`);
if (dryRun) process.exit(0);

for (const path of doomed) rmSync(at(path), { recursive: true });
writeFileSync(at(COMPOSITION_POINT), lines.filter((text) => text !== line).join("\n"));
console.log("Done. Check the rest still holds: npm run typecheck && npm run test:unit");
