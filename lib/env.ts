import "server-only";

import { LRUCache } from "lru-cache";
import { z } from "zod";

import { parseAuthSettings } from "@/lib/auth/config";
import { AppError } from "@/lib/errors";
import { parseIntegryConfig } from "@/lib/integry/server/config";

const expected = (shape: string) => `is malformed: expected ${shape}`;
const matching = (pattern: RegExp, shape: string) =>
  z
    .string()
    // A pasted secret with a trailing newline would hash "correctly" and still be rejected by Integry.
    .refine((value) => value.trim() === value, "has leading or trailing whitespace")
    .regex(pattern, expected(shape));
const flag = z.stringbool({ truthy: ["true"], falsy: ["false"], case: "sensitive", error: expected("true or false") });
const url = z.string().refine((value) => URL.canParse(value), { error: "is not a URL", abort: true });
const postgresUrl = url.refine(
  (value) => /^postgres(ql)?:$/.test(new URL(value).protocol),
  "must start with postgres://",
);
const idList = z.string().transform((ids) =>
  ids
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean),
);

/**
 * Every variable the app reads, declared once; all optional, as what is required depends on the rest
 * (real Integry credentials need a NEXTAUTH_SECRET, the sandbox does not). `secret`: never printed, not
 * even by `npm run check-env`. `platform`: set by Node, Next.js or Vercel, so .env.local.example omits it.
 */
export const ENV_SCHEMA = {
  NODE_ENV: { shape: z.enum(["development", "production", "test"]).optional(), platform: true },
  INTEGRY_APP_KEY: { shape: matching(/^[\w-]+$/, "letters, digits, '-' or '_'").optional() },
  INTEGRY_APP_SECRET: { shape: matching(/^\S+$/, "no spaces").optional(), secret: true },
  INTEGRY_DEPLOYMENT_ID: { shape: matching(/^\d+$/, "a number").optional() },
  INTEGRY_SCOPE: { shape: z.enum(["user", "account"], { error: expected("user or account") }).default("user") },
  INTEGRY_SANDBOX: { shape: flag.optional() },
  INTEGRY_API_BASE_URL: {
    shape: matching(/^https?:\/\/[^\s?#]+[^/\s?#]$/, "an http(s) URL with no trailing slash").optional(),
  },
  INTEGRY_API_KEY_SECRET: { shape: z.string().regex(/^\S+$/, "contains whitespace").optional(), secret: true },
  INTEGRY_BENCH_PAGE: { shape: flag.optional() },
  INTEGRY_CALLBACK_HOSTS: { shape: idList.default(["integry.io"]) },
  CRON_SECRET: { shape: z.string().regex(/^\S+$/, "contains whitespace").optional(), secret: true },
  NEXTAUTH_SECRET: { shape: z.string().optional(), secret: true },
  NEXTAUTH_URL: { shape: url.optional() },
  AUTH_TRUST_HOST: { shape: flag.optional() },
  AUTH_DEMO_LOGIN: { shape: flag.optional() },
  AUTH_REVOKED_IDS: { shape: idList.optional() },
  GITHUB_ID: { shape: z.string().optional() },
  GITHUB_SECRET: { shape: z.string().optional(), secret: true },
  VERCEL: { shape: z.string().optional(), platform: true },
  DATABASE_URL: { shape: postgresUrl.optional(), secret: true },
  PGLITE_DATA_DIR: { shape: z.string().default(".data/pglite") },
} satisfies Record<string, { shape: z.ZodType; secret?: true; platform?: true }>;

export type EnvVariable = keyof typeof ENV_SCHEMA;
export type AdopterVariable = {
  [Name in EnvVariable]: (typeof ENV_SCHEMA)[Name] extends { platform: true } ? never : Name;
}[EnvVariable];
export type Env = Readonly<Partial<Record<EnvVariable, string>>>;
type Parsed<Name extends EnvVariable> = z.output<(typeof ENV_SCHEMA)[Name]["shape"]>;

const NAMES = Object.keys(ENV_SCHEMA) as EnvVariable[];
export const ADOPTER_VARIABLES = NAMES.filter((name): name is AdopterVariable => !("platform" in ENV_SCHEMA[name]));

export function misconfigured(name: EnvVariable, problem: string): AppError {
  return new AppError("misconfigured", `${name} ${problem}. Set it in .env.local (see .env.local.example).`);
}

export function shapeProblem(name: EnvVariable, value: string): string | undefined {
  const result = ENV_SCHEMA[name].shape.safeParse(value);
  return result.success ? undefined : result.error.issues[0]!.message;
}

/** A variable as the schema types it ("" is unset); a misconfigured AppError naming it, never quoting it, if malformed. */
export function readVariable<Name extends EnvVariable>(env: Env, name: Name): Parsed<Name> {
  const result = ENV_SCHEMA[name].shape.safeParse(env[name] || undefined);
  if (!result.success) throw misconfigured(name, result.error.issues[0]!.message);
  return result.data as Parsed<Name>;
}

// The only reader of process.env, on every call at run time: nothing is baked into a build or a page.
/** A getter of `parse(env)`, parsed again only when a value changed: how every config, an optional room's too, reads. */
export function parsedOnChange<T>(parse: (env: Env) => T): () => T {
  // Key: every variable's value; max 1; no TTL. An old entry is never served: a changed value is a new key.
  const parsed = new LRUCache<string, { value: T }>({ max: 1, memoMethod: () => ({ value: parse(process.env) }) });
  return () => parsed.memo(JSON.stringify(NAMES.map((name) => process.env[name]))).value;
}

// The parsers are looked up at call time: they import this module's schema, and imports may cycle.
export const getIntegryConfig = parsedOnChange((env) => parseIntegryConfig(env));

export const getAuthSettings = parsedOnChange((env) => parseAuthSettings(env));

export const getEmbeddedDatabaseDir = parsedOnChange((env) => readVariable(env, "PGLITE_DATA_DIR"));

export const getCronSecret = parsedOnChange((env) => readVariable(env, "CRON_SECRET"));

export const getDatabaseUrl = parsedOnChange((env) => readVariable(env, "DATABASE_URL"));

export const isVercelProduction = parsedOnChange(
  (env) => Boolean(readVariable(env, "VERCEL")) && readVariable(env, "NODE_ENV") === "production",
);

export const isBenchPageEnabled = parsedOnChange(
  (env) => readVariable(env, "NODE_ENV") === "development" || readVariable(env, "INTEGRY_BENCH_PAGE") === true,
);
