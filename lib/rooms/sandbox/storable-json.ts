const MAX_JSON_DEPTH = 32;

/**
 * Why the sandbox cannot keep `value` as sent, or undefined if it can: refused up front rather than a 500 later,
 * since jsonb refuses U+0000 and deep nesting overflows JSON.stringify.
 */
export function unstorableJson(value: unknown): string | undefined {
  const pending: [unknown, number][] = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item === "string" && item.includes("\0")) return "\\u0000";
    if (typeof item !== "object" || item === null) continue;
    if (depth >= MAX_JSON_DEPTH) return `more than ${MAX_JSON_DEPTH} nested objects or arrays`;
    for (const [key, child] of Object.entries(item)) pending.push([key, depth], [child, depth + 1]);
  }
  return undefined;
}
