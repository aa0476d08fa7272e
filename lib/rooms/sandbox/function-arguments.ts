import type { SandboxFunction } from "@/lib/rooms/sandbox/sample-functions";

// Integry's words for a missing argument; what it says of a wrongly typed one is undocumented, so the sandbox's own.
const REQUIRED = "This parameter is required and must not be null or empty";
const NOT_A_STRING = "This parameter must be a string";
const NOT_AN_OBJECT = "This parameter must be an object";

// Sent beside the arguments, never to the function: a call's `{tag}` values and a paginated call's cursor.
const CALL_OPTIONS = ["_variables", "_cursor"];

export interface FunctionArguments {
  /** As sent, `{tag}`s filled from `_variables`, without `_variables` and `_cursor`; unknown ones kept, as sent. */
  sent: Record<string, unknown>;
  /** The function's valid parameters, for it to run with. */
  values: Record<string, string>;
  /** Integry's `error_details` for invalid input, keyed by parameter; empty when the function can run. */
  errors: Record<string, string>;
}

export const isJsonObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

// Integry fills `{first_name}` in an argument from `_variables.first_name`, so a caller can template a message.
function fillTags(value: unknown, variables: Record<string, unknown>): unknown {
  if (typeof value !== "string") return value;
  return value.replace(/\{(\w+)\}/g, (tag, name: string) => {
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    return typeof variable === "string" || typeof variable === "number" ? String(variable) : tag;
  });
}

/** A call's body read against the function's JSON Schema: its required parameters, each one's type. */
export function readFunctionArguments(fn: SandboxFunction, body: Record<string, unknown>): FunctionArguments {
  const variables = body._variables ?? {};
  const given = Object.entries(body).filter(([name]) => !CALL_OPTIONS.includes(name));
  if (!isJsonObject(variables)) {
    return { sent: Object.fromEntries(given), values: {}, errors: { _variables: NOT_AN_OBJECT } };
  }
  const sent = Object.fromEntries(given.map(([name, value]) => [name, fillTags(value, variables)]));
  const values: Record<string, string> = {};
  const errors: Record<string, string> = {};
  for (const name of Object.keys(fn.parameters.properties)) {
    const value = Object.hasOwn(sent, name) ? sent[name] : undefined;
    // An optional parameter sent empty or null is one not sent.
    if (value === undefined || value === null || value === "") {
      if (fn.parameters.required.includes(name)) errors[name] = REQUIRED;
    } else if (typeof value === "string") {
      values[name] = value;
    } else {
      errors[name] = NOT_A_STRING;
    }
  }
  return { sent, values, errors };
}
