import "server-only";

import { AppError } from "@/lib/errors";
import type { Env } from "@/lib/integry/server/config";

/** What is wrong with a DATABASE_URL, never quoting it: it carries the database's password. */
export function databaseUrlProblem(value: string): string | undefined {
  if (!URL.canParse(value)) return "is not a URL";
  const { protocol } = new URL(value);
  return protocol === "postgres:" || protocol === "postgresql:" ? undefined : "must start with postgres://";
}

/** Undefined when unset: the sandbox then keeps its state in each server's memory. */
export function parseDatabaseUrl(env: Env): string | undefined {
  const value = env.DATABASE_URL;
  if (!value) return undefined;
  const problem = databaseUrlProblem(value);
  if (problem)
    throw new AppError("misconfigured", `DATABASE_URL ${problem}. Set it in .env.local (see .env.local.example).`);
  return value;
}
