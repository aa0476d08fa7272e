import { expect } from "vitest";

/** The one error surface: this status and code, a message saying `says`, and never the `secret` it is about. */
export async function expectErrorResponse(
  response: Response,
  { status, code, says, secret }: { status: number; code: string; says?: string; secret?: string },
) {
  expect(response.status).toBe(status);
  const body = await response.text();
  expect(JSON.parse(body).error.code).toBe(code);
  if (says) expect(JSON.parse(body).error.message).toContain(says);
  if (secret) expect(body).not.toContain(secret);
}
