import "server-only";

import { createHash, randomBytes } from "node:crypto";

import { and, count, desc, eq, gt, isNull, lt, or } from "drizzle-orm";
import { LRUCache } from "lru-cache";

import type { SessionUser } from "@/lib/auth/session";
import { keptBesideEmbedded, type Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { agentTokens } from "@/lib/rooms/agent-tools/tables";

// Live tokens a user may hold at once: one per agent client is plenty, and a cap bounds what one session can make.
export const MAX_TOKENS_PER_USER = 10;
export const TOKEN_LIFETIME_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
// lastUsedAt is a hint for the user, not an audit log: written at most once a minute per token.
const LAST_USED_PRECISION_MS = 60_000;

// A prefix that says what the token is (and lets secret scanners find one in a leak), then 256 random bits.
const TOKEN_PREFIX = "intg_pat_";
const TOKEN_PATTERN = /^intg_pat_[A-Za-z0-9_-]{43}$/;

const digestOf = (token: string) => createHash("sha256").update(token).digest("hex");

export interface TokenSummary {
  id: number;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

const SUMMARY = {
  id: agentTokens.id,
  name: agentTokens.name,
  createdAt: agentTokens.createdAt,
  lastUsedAt: agentTokens.lastUsedAt,
  expiresAt: agentTokens.expiresAt,
};

interface HolderRow {
  id: number;
  userId: string;
  accountId: string;
  lastUsedAt: Date | null;
  expiresAt: Date;
}

/**
 * On the embedded database, the live rows read, by digest and deployment: every revocation happens in this process
 * and forgets them all, and expiry is checked on each use, so a kept row is as good as a fresh read. A row read
 * while a revocation ran is not kept (the count tells), and none is kept past a minute in any case.
 */
class KeptRows {
  readonly rows = new LRUCache<string, HolderRow>({ max: 1000, ttl: 60_000 });
  revocations = 0;

  clear() {
    this.rows.clear();
    this.revocations++;
  }
}

const keptRows = (db: Database) => keptBesideEmbedded(db, "agent token rows", () => new KeptRows());

const live = (now: Date) => and(isNull(agentTokens.revokedAt), gt(agentTokens.expiresAt, now));

/** A new token for `user`: the only time it exists in clear is the answer to this call. */
export async function createToken(
  db: Database,
  user: SessionUser,
  deploymentId: string,
  name: string,
  now = new Date(),
): Promise<TokenSummary & { token: string }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return db.transaction(async (tx) => {
    // Counted, not locked: two requests at the cap at once may each make one more; the cap bounds work, not exactly.
    const [held] = await tx
      .select({ tokens: count() })
      .from(agentTokens)
      .where(and(eq(agentTokens.userId, user.id), live(now)));
    if ((held?.tokens ?? 0) >= MAX_TOKENS_PER_USER) {
      throw new AppError(
        "too_many_tokens",
        `You have ${MAX_TOKENS_PER_USER} tokens, the most one user may hold: revoke one first.`,
      );
    }
    const [created] = await tx
      .insert(agentTokens)
      .values({
        userId: user.id,
        accountId: user.accountId,
        deploymentId,
        name,
        tokenHash: digestOf(token),
        createdAt: now,
        expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_DAYS * DAY_MS),
      })
      .returning(SUMMARY);
    return { ...created!, token };
  });
}

/** The user's live tokens, newest first, without anything that could sign in. */
export function listTokens(db: Database, user: SessionUser, now = new Date()): Promise<TokenSummary[]> {
  return db
    .select(SUMMARY)
    .from(agentTokens)
    .where(and(eq(agentTokens.userId, user.id), live(now)))
    .orderBy(desc(agentTokens.id));
}

/** Revokes one of the user's own tokens: false when they have no live token with that ID. */
export async function revokeToken(db: Database, user: SessionUser, id: number, now = new Date()): Promise<boolean> {
  const revoked = await db
    .update(agentTokens)
    .set({ revokedAt: now })
    .where(and(eq(agentTokens.id, id), eq(agentTokens.userId, user.id), live(now)))
    .returning({ id: agentTokens.id });
  keptRows(db)?.clear();
  return revoked.length > 0;
}

export interface TokenHolder {
  tokenId: number;
  user: SessionUser;
}

/** Whose `Authorization: Bearer` token this is, if it is well formed, live and this deployment's; else undefined. */
export async function tokenHolder(
  db: Database,
  token: string,
  deploymentId: string,
  now = new Date(),
): Promise<TokenHolder | undefined> {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const digest = digestOf(token);
  const key = `${digest}\n${deploymentId}`;
  const kept = keptRows(db);
  let row = kept?.rows.get(key);
  if (!row || row.expiresAt <= now) {
    const revocationsBefore = kept?.revocations;
    [row] = await db
      .select({
        id: agentTokens.id,
        userId: agentTokens.userId,
        accountId: agentTokens.accountId,
        lastUsedAt: agentTokens.lastUsedAt,
        expiresAt: agentTokens.expiresAt,
      })
      .from(agentTokens)
      .where(and(eq(agentTokens.tokenHash, digest), eq(agentTokens.deploymentId, deploymentId), live(now)));
    if (!row) return undefined;
    if (kept && kept.revocations === revocationsBefore) kept.rows.set(key, row);
  }
  const stale = new Date(now.getTime() - LAST_USED_PRECISION_MS);
  // Written only when the row read says it is stale: most requests make no write. The condition is repeated in the
  // update, so two instances that both read it stale write it once.
  if (row.lastUsedAt === null || row.lastUsedAt < stale) {
    await db
      .update(agentTokens)
      .set({ lastUsedAt: now })
      .where(and(eq(agentTokens.id, row.id), or(isNull(agentTokens.lastUsedAt), lt(agentTokens.lastUsedAt, stale))));
    row.lastUsedAt = now;
  }
  return { tokenId: row.id, user: { id: row.userId, accountId: row.accountId } };
}
