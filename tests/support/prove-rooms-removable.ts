/**
 * `npm run test:rooms [-- <room> ...]`: proves each room (default: every installed one) removable. For each, one at a
 * time: copies the project into a temporary folder, runs `npm run remove-room` there, then the typecheck and the unit
 * tests, and reports. Exits 1 if any room's removal leaves a tree that fails either.
 */
import { spawnSync } from "node:child_process";
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

interface Step {
  ok: boolean;
  output: string;
  seconds: number;
}

const root = process.cwd();
const installed = [...readFileSync(join(root, "lib/rooms.ts"), "utf8").matchAll(/"@\/lib\/rooms\/([^/"]+)\/room"/g)];
const named = process.argv.slice(2);
const rooms = named.length > 0 ? named : installed.map((match) => match[1] ?? "");

/** Runs a command to the end, its stdout and stderr interleaved in one log as a terminal would show them. */
function run(folder: string, command: string[], env: Record<string, string> = {}): Step {
  const logPath = join(dirname(folder), "step.log");
  const log = openSync(logPath, "w");
  const started = performance.now();
  const [program = "", ...args] = command;
  const { status } = spawnSync(program, args, {
    cwd: folder,
    stdio: ["ignore", log, log],
    env: { ...process.env, NO_COLOR: "1", ...env },
  });
  closeSync(log);
  return { ok: status === 0, output: readFileSync(logPath, "utf8"), seconds: (performance.now() - started) / 1000 };
}

/** The tree git would commit (tracked and untracked-not-ignored files, so no .next or .data), node_modules linked. */
function copyProject(to: string) {
  const listing = spawnSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root, encoding: "utf8" });
  if (listing.status !== 0) throw new Error(`git ls-files failed: ${listing.stderr}`);
  const files = listing.stdout.split("\0");
  // A file deleted but not yet staged is still listed: skip it.
  for (const file of files.filter((file) => file && existsSync(join(root, file)))) {
    mkdirSync(dirname(join(to, file)), { recursive: true });
    copyFileSync(join(root, file), join(to, file));
  }
  symlinkSync(join(root, "node_modules"), join(to, "node_modules"));
}

/** Every failure's headline (a tsc error, a failed test), then the output's last 60 lines. */
function failingOutput(output: string) {
  const headlines = [...new Set(output.match(/^(.*error TS\d+| FAIL ).*$/gm))];
  return [...headlines, "  ...", ...output.trimEnd().split("\n").slice(-60)].join("\n");
}

const took = (step: Step) => `${step.seconds.toFixed(1)}s`;
const started = performance.now();
const failed: string[] = [];

for (const room of rooms) {
  const base = mkdtempSync(join(tmpdir(), `remove-${room}-`));
  const tree = join(base, "tree");
  try {
    copyProject(tree);
    const removal = run(tree, ["npm", "run", "--silent", "remove-room", "--", room]);
    console.log(`\n${room}: ${removal.ok ? "removed" : "removal failed"} (${took(removal)})`);
    console.log(removal.output.trimEnd().replace(/^/gm, "  "));
    if (!removal.ok) {
      failed.push(room);
      continue;
    }
    const typecheck = run(tree, ["npm", "run", "typecheck"]);
    console.log(`  typecheck ${typecheck.ok ? "ok" : "FAILED"} (${took(typecheck)})`);
    // CI=true: the Postgres-backed tests run rather than skip (vitest's globalSetup starts a throwaway server).
    const vitest = run(tree, ["npx", "vitest", "run"], { CI: "true" });
    const counts = vitest.output.match(/^\s*(Test Files|Tests) .*$/gm)?.map((line) => line.trim().replace(/\s+/g, " "));
    console.log(`  vitest ${vitest.ok ? "ok" : "FAILED"}: ${counts?.join("; ") ?? "no summary"} (${took(vitest)})`);
    for (const step of [typecheck, vitest].filter((step) => !step.ok)) console.log(failingOutput(step.output));
    if (!typecheck.ok || !vitest.ok) failed.push(room);
  } finally {
    // Unlink node_modules first (rm without `recursive` never descends), so nothing can reach into the real one.
    rmSync(join(tree, "node_modules"), { force: true });
    rmSync(base, { recursive: true, force: true });
  }
}

const total = `${((performance.now() - started) / 1000).toFixed(1)}s`;
console.log(`\n${rooms.length - failed.length} of ${rooms.length} rooms removable in ${total}.`);
if (failed.length > 0) console.log(`Failing: ${failed.join(", ")}.`);
process.exitCode = failed.length > 0 ? 1 : 0;
