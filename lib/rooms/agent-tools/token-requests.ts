import "server-only";

import { z } from "zod";

import { getSessionUser } from "@/lib/auth/session";
import { readBoundedJson } from "@/lib/bounded-body";
import { getAppDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { assertSameOrigin } from "@/lib/same-origin";

const MAX_BODY_BYTES = 1024;

// A label for the user, shown back to them: printable, short, and storable by Postgres.
const TokenRequest = z.object({
  name: z
    .string()
    .trim()
    .min(1, "is required")
    .max(60)
    .regex(/^[^\p{Cc}\p{Cs}]*$/u, "contains a character that cannot be stored"),
});

/** The session's user and the database, for the token routes: 401 without a session, 403 from another site's page. */
export async function tokenRequestContext(request: Request) {
  assertSameOrigin(request);
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to manage your tokens.");
  return { user, db: await getAppDatabase(), deploymentId: getIntegryConfig().deploymentId };
}

export async function readTokenName(request: Request): Promise<string> {
  const parsed = TokenRequest.safeParse(await readBoundedJson(request, MAX_BODY_BYTES));
  if (parsed.success) return parsed.data.name;
  const issue = parsed.error.issues[0]!;
  throw new AppError("bad_request", `The token's ${issue.path.join(".") || "body"} ${issue.message}.`);
}
