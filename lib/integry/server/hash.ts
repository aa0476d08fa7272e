import "server-only";

import { createHash, createHmac, timingSafeEqual } from "node:crypto";

import { AppError } from "@/lib/errors";

export const MAX_INTEGRY_ID_LENGTH = 256;

// A lone UTF-16 surrogate is the subtle case: the browser SDK throws on it, while UTF-8 encoding would turn it
// into U+FFFD, so two different IDs could share one hash.
export function assertHashableId(id: string): void {
  if (id.length === 0) throw new AppError("invalid_identity", "The Integry user ID is empty.");
  if (id.length > MAX_INTEGRY_ID_LENGTH) {
    throw new AppError("invalid_identity", `The Integry user ID is longer than ${MAX_INTEGRY_ID_LENGTH} characters.`);
  }
  if (!id.isWellFormed()) {
    throw new AppError("invalid_identity", "The Integry user ID contains a lone UTF-16 surrogate.");
  }
}

/** HMAC-SHA256(key = app secret, message = id) as lowercase hex; node:crypto costs a sixth of Web Crypto here. */
export function integryHash(secret: string, id: string): string {
  assertHashableId(id);
  return createHmac("sha256", secret).update(id, "utf8").digest("hex");
}

/** Compared as SHA-256 digests, always 32 bytes: neither the content nor the length of `expected` shows in the time. */
export function constantTimeEqual(expected: string, received: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(expected), digest(received));
}
