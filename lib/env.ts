import "server-only";

import { LRUCache } from "lru-cache";
import { z } from "zod";

import { AppError } from "@/lib/errors";

const expected = (shape: string) => `is malformed: expected ${shape}`;
/** A value typed by hand: a pasted secret with a trailing newline would hash "correctly" and still be rejected. */
export const matching = (pattern: RegExp, shape: string) =>
  z
    .string()
    .refine((value) => value.trim() === value, "has leading or trailing whitespace")
    .regex(pattern, expected(shape));
export const flag = z.stringbool({
  truthy: ["true"],
  falsy: ["false"],
  case: "sensitive",
  error: expected("true or false"),
});
export const noWhitespace = z.string().regex(/^\S+$/, "contains whitespace");
export const idList = z.string().transform((ids) =>
  ids
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean),
);
const url = z.string().refine((value) => URL.canParse(value), { error: "is not a URL", abort: true });
const postgresUrl = url.refine(
  (value) => /^postgres(ql)?:$/.test(new URL(value).protocol),
  "must start with postgres://",
);

/** A variable's declaration. `secret`: never printed, not even by `npm run check-env`. `platform`: set by Node, Next.js or Vercel. */
export interface EnvDeclaration {
  shape: z.ZodType;
  secret?: true;
  platform?: true;
}
export type EnvFragment = Record<string, EnvDeclaration>;
export type Env = Readonly<Partial<Record<string, string>>>;

/**
 * The core's variables, declared once; each room declares its own in its settings.ts, and lib/room.ts composes
 * them with those of every room lib/rooms.ts installs. All optional, as what is required depends on the rest (real Integry credentials need a
 * NEXTAUTH_SECRET, the sandbox does not).
 */
export const CORE_ENV = {
  NODE_ENV: { shape: z.enum(["development", "production", "test"]).optional(), platform: true },
  INTEGRY_APP_KEY: { shape: matching(/^[\w-]+$/, "letters, digits, '-' or '_'").optional() },
  INTEGRY_APP_SECRET: { shape: matching(/^\S+$/, "no spaces").optional(), secret: true },
  INTEGRY_DEPLOYMENT_ID: { shape: matching(/^\d+$/, "a number").optional() },
  INTEGRY_SCOPE: { shape: z.enum(["user", "account"], { error: expected("user or account") }).default("user") },
  INTEGRY_SANDBOX: { shape: flag.optional() },
  NEXTAUTH_SECRET: { shape: z.string().optional(), secret: true },
  NEXTAUTH_URL: { shape: url.optional() },
  AUTH_TRUST_HOST: { shape: flag.optional() },
  AUTH_DEMO_LOGIN: { shape: flag.optional() },
  AUTH_REVOKED_IDS: { shape: idList.optional() },
  GITHUB_ID: { shape: z.string().optional() },
  GITHUB_SECRET: { shape: z.string().optional(), secret: true },
  VERCEL: { shape: z.string().optional(), platform: true },
  CRON_SECRET: { shape: noWhitespace.optional(), secret: true },
  DATABASE_URL: { shape: postgresUrl.optional(), secret: true },
  PGLITE_DATA_DIR: { shape: z.string().default(".data/pglite") },
  INTEGRY_API_BASE_URL: {
    shape: matching(/^https?:\/\/[^\s?#]+[^/\s?#]$/, "an http(s) URL with no trailing slash").optional(),
  },
} satisfies EnvFragment;

export function misconfigured(name: string, problem: string): AppError {
  return new AppError("misconfigured", `${name} ${problem}. Set it in .env.local (see .env.local.example).`);
}

/** Why `value` does not fit `declaration`, or undefined when it does. */
export function shapeProblem(declaration: EnvDeclaration, value: string): string | undefined {
  const result = declaration.shape.safeParse(value);
  return result.success ? undefined : result.error.issues[0]!.message;
}

// The only reader of process.env, on every call at run time: nothing is baked into a build or a page.
/**
 * A getter of `parse(env)`, parsed again only when a variable it read last time has changed. Reading process.env
 * costs a call into C++ per name: keying on just the names a parse reads keeps a request's getters cheap.
 */
export function parsedOnChange<T>(parse: (env: Env) => T): () => T {
  let names: string[] = [];
  const keyOf = () => JSON.stringify(names.map((name) => process.env[name]));
  // Key: the values of the names the last parse read; max 1; no TTL. A changed value is a new key, never a stale hit.
  const parsed = new LRUCache<string, { value: T }>({ max: 1 });
  return () => {
    const hit = parsed.get(keyOf());
    if (hit) return hit.value;
    const read = new Set<string>();
    const value = parse(new Proxy(process.env, { get: (env, name: string) => (read.add(name), env[name]) }));
    names = [...read];
    parsed.set(keyOf(), { value });
    return value;
  };
}

/** How a fragment's variables are read: typed by the schema ("" is unset), a misconfigured AppError naming one, never quoting it. */
export function envReader<Fragment extends EnvFragment>(fragment: Fragment) {
  return {
    read<Name extends keyof Fragment & string>(env: Env, name: Name): z.output<Fragment[Name]["shape"]> {
      const result = fragment[name]!.shape.safeParse(env[name] || undefined);
      if (!result.success) throw misconfigured(name, result.error.issues[0]!.message);
      return result.data as z.output<Fragment[Name]["shape"]>;
    },
    parsedOnChange,
  };
}

export const readVariable = envReader(CORE_ENV).read;

export const getDatabaseUrl = parsedOnChange((env) => readVariable(env, "DATABASE_URL"));

export const getEmbeddedDatabaseDir = parsedOnChange((env) => readVariable(env, "PGLITE_DATA_DIR"));

export const isVercelProduction = parsedOnChange(
  (env) => Boolean(readVariable(env, "VERCEL")) && readVariable(env, "NODE_ENV") === "production",
);
