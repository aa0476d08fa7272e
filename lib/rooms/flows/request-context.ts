import "server-only";

import { getSessionUser } from "@/lib/auth/session";
import { getAppDatabase } from "@/lib/db/client";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { AppError } from "@/lib/errors";
import { resolveIntegryIdentity } from "@/lib/integry/server/params";

/** The signed-in user's identity, as Integry sees it, and the database: 401 without a session. */
export async function flowRequestContext() {
  const user = await getSessionUser();
  if (!user) throw new AppError("unauthenticated", "Sign in to run your flows.");
  const config = getIntegryConfig();
  return { user, config, identity: resolveIntegryIdentity(user, config.scope), db: await getAppDatabase() };
}
