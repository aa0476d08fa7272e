import "server-only";

import { z } from "zod";

import { IntegryApiError, quotedSafely } from "@/lib/integry/server/rest-error";

// The shapes of Integry's Functions API as its docs give them (docs/integry-functions.md says which page each comes
// from, and what is a guess until checked against a live account). Unknown fields are kept, not refused.

const ParametersSchema = z.looseObject({
  type: z.literal("object"),
  properties: z.record(z.string(), z.looseObject({})).default({}),
  required: z.array(z.string()).default([]),
});

/** A function as /functions/list and /functions/:name/get answer it: OpenAI's function-calling shape, plus `meta`. */
const IntegryFunctionSchema = z.looseObject({
  // OpenAI's rule for a tool's name; Integry's are like "slack-post-message".
  name: z.string().regex(/^[\w-]{1,64}$/),
  description: z.string().default(""),
  parameters: ParametersSchema,
  // Only with include=meta: its type (QUERY, ACTION, PASSTHROUGH) and its app.
  meta: z
    .looseObject({
      type: z.string().optional(),
      app: z.looseObject({ name: z.string(), title: z.string().optional() }).optional(),
    })
    .optional(),
});

export type IntegryFunction = z.infer<typeof IntegryFunctionSchema>;

const FunctionsPageSchema = z.object({
  functions: z.array(IntegryFunctionSchema),
  _cursor: z.string().min(1).nullish(),
});

/** What /functions/:name/call answers when it ran: the app's own status (a string in the docs) and body. */
const FunctionResultSchema = z.looseObject({
  network_code: z.union([z.string(), z.number()]).transform(String),
  output: z.unknown(),
  _cursor: z.unknown().optional(),
});

export type FunctionResult = z.infer<typeof FunctionResultSchema>;

function parsed<T>(schema: z.ZodType<T>, body: unknown, what: string): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const where = result.error.issues[0]!.path.join(".") || "body";
  throw new IntegryApiError("malformed", `Integry's ${what} did not have the documented shape (at ${where}).`);
}

export const parseFunctionsPage = (body: unknown) => parsed(FunctionsPageSchema, body, "functions list");
export const parseFunction = (body: unknown) => parsed(IntegryFunctionSchema, body, "function");
export const parseFunctionResult = (body: unknown) => parsed(FunctionResultSchema, body, "function call answer");

const RefusalSchema = z.object({
  error: z.string().optional(),
  error_details: z.union([z.array(z.string()), z.record(z.string(), z.unknown())]),
});

/**
 * Why Integry did not run a function (HTTP 400, `error_details`): an array of texts when the user has not connected
 * the app, an object keyed by parameter when arguments are missing or wrong. No code says which: the docs' texts do.
 */
export function functionCallRefusal(name: string) {
  return (status: number, body: unknown, secrets: readonly string[]): IntegryApiError | undefined => {
    if (status === 404) return new IntegryApiError("not_found", `Integry has no function ${name}.`, status);
    const refusal = RefusalSchema.safeParse(body);
    if (status !== 400 || !refusal.success) return undefined;
    const details = refusal.data.error_details;
    if (Array.isArray(details)) {
      const said = quotedSafely(details.join(" "), secrets);
      const code = /has not connected/i.test(said) ? "not_connected" : "invalid_arguments";
      return new IntegryApiError(code, `Integry did not run ${name}: ${said}`, status);
    }
    const problems = Object.entries(details).map(([parameter, problem]) => `${parameter}: ${String(problem)}`);
    const said = quotedSafely(problems.join("; "), secrets);
    return new IntegryApiError("invalid_arguments", `Integry did not run ${name}: ${said}`, status);
  };
}
