import "server-only";

import { getTableName, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { LRUCache } from "lru-cache";

import { keptBesideEmbedded, resultRows, type Database } from "@/lib/db/client";

/** A room's table of token buckets, one row per key: which columns hold the key, the tokens and the last refill. */
export interface BucketTable {
  table: PgTable;
  key: PgColumn;
  tokens: PgColumn;
  refilledAt: PgColumn;
}

type Bucket = { tokens: number; refilledAt: number };

// A bucket untouched for a minute has refilled to its size: forgetting it then changes nothing. The cap bounds
// memory; a bucket evicted sooner, among 10,000 busier ones, starts full again.
const BUCKET_MS = 60_000;
const newBuckets = () => new LRUCache<string, Bucket>({ max: 10_000, ttl: BUCKET_MS });

/** The same bucket as the statement below, in this process's memory. */
function spendInProcess(buckets: LRUCache<string, Bucket>, key: string, perMinute: number, now: Date): boolean {
  const at = now.getTime();
  const bucket = buckets.get(key) ?? { tokens: perMinute, refilledAt: at };
  const refilled = Math.min(perMinute, bucket.tokens + (Math.max(0, at - bucket.refilledAt) / BUCKET_MS) * perMinute);
  if (refilled < 1) return false;
  buckets.set(key, { tokens: refilled - 1, refilledAt: Math.max(bucket.refilledAt, at) });
  return true;
}

/**
 * Takes one token from `key`'s bucket of `perMinute` tokens, refilled at `perMinute` a minute: true when there was
 * one. On Postgres, one statement, so concurrent requests on any number of instances queue on the key's row and
 * never spend a token twice. `now` is the app's clock; a clock that went back (another instance's) refills nothing.
 */
export async function spendAllowance(
  db: Database,
  buckets: BucketTable,
  keyValue: string,
  perMinute: number,
  now = new Date(),
): Promise<boolean> {
  const spend = spendAllowanceWithin(db, buckets, keyValue, perMinute, now);
  if (typeof spend === "boolean") return spend;
  return resultRows(await db.execute(spend)).length > 0;
}

/**
 * The same spend, for a caller that writes what the token pays for in one statement with it: on Postgres, the spend
 * as SQL that returns a row when a token was taken, to run as a data-modifying CTE of that statement, so both commit
 * together in one round trip. On the embedded database, spent here and now, from memory: whether it was taken.
 */
export function spendAllowanceWithin(
  db: Database,
  { table, key, tokens, refilledAt }: BucketTable,
  keyValue: string,
  perMinute: number,
  now = new Date(),
): boolean | SQL {
  // The embedded database serves this process alone: every spend from its buckets happens here, so they are kept
  // in memory, with no statement. Postgres is shared by every instance: there the row is the bucket.
  const buckets = keptBesideEmbedded(db, "rate-limit buckets", newBuckets);
  if (buckets) return spendInProcess(buckets, `${getTableName(table)}\n${keyValue}`, perMinute, now);
  const at = sql`${now.toISOString()}::timestamptz`;
  const elapsedMinutes = sql`greatest(0, extract(epoch from ${at} - ${refilledAt}) / 60)`;
  const refilled = sql`least(${perMinute}::float8, ${tokens} + ${elapsedMinutes} * ${perMinute})`;
  return sql`
    insert into ${table} (${sql.identifier(key.name)}, ${sql.identifier(tokens.name)}, ${sql.identifier(refilledAt.name)})
    values (${keyValue}, ${perMinute - 1}, ${at})
    on conflict (${sql.identifier(key.name)}) do update
      set ${sql.identifier(tokens.name)} = ${refilled} - 1,
          ${sql.identifier(refilledAt.name)} = greatest(${refilledAt}, ${at})
      where ${refilled} >= 1
    returning 1 as taken`;
}

/** Time for a whole token from empty: an upper bound for Retry-After, never a promise made too early. */
export const secondsToRefillOne = (perMinute: number) => Math.max(1, Math.ceil(60 / perMinute));
