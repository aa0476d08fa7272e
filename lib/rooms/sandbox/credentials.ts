import "server-only";

import { hkdfSync } from "node:crypto";

import { misconfigured, type Env } from "@/lib/env";
import { SANDBOX_CREDENTIALS } from "@/lib/rooms/sandbox/public";

const DERIVATION_LABEL = "integry-next-starter sandbox app secret";

/**
 * The sandbox's credentials. Its published secret serves `npm run dev` and the tests; on a production server (a
 * public demo) anyone could hash with it and act as any user, so there it signs with a secret derived from
 * NEXTAUTH_SECRET (HKDF-SHA256), which nothing in the repository reveals.
 */
export function sandboxCredentials(env: Env): { appKey: string; appSecret: string; deploymentId: string } {
  if (env.NODE_ENV !== "production") return SANDBOX_CREDENTIALS;
  const secret = env.NEXTAUTH_SECRET;
  if (!secret) {
    throw misconfigured("NEXTAUTH_SECRET", "is missing: on a production server the sandbox derives its secret from it");
  }
  const derived = Buffer.from(hkdfSync("sha256", secret, "", DERIVATION_LABEL, 32)).toString("hex");
  return { ...SANDBOX_CREDENTIALS, appSecret: derived };
}
