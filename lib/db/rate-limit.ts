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
  const spent = spendAllowanceInProcess(db, buckets, keyValue, perMinute, now);
  if (spent !== undefined) return spent;
  const statement = spendAllowancesSql(buckets, new Map([[keyValue, 1]]), perMinute, now);
  return resultRows(await db.execute(statement)).length > 0;
}

/**
 * On the embedded database, spends one token of `keyValue`'s bucket here and now, from memory: whether it was taken.
 * Undefined on Postgres, whose rows are the buckets: spend there with `spendAllowancesSql`.
 */
export function spendAllowanceInProcess(
  db: Database,
  { table }: BucketTable,
  keyValue: string,
  perMinute: number,
  now = new Date(),
): boolean | undefined {
  // The embedded database serves this process alone: every spend from its buckets happens here, so they are kept
  // in memory, with no statement. Postgres is shared by every instance: there the row is the bucket.
  const buckets = keptBesideEmbedded(db, "rate-limit buckets", newBuckets);
  return buckets && spendInProcess(buckets, `${getTableName(table)}\n${keyValue}`, perMinute, now);
}

/**
 * Postgres's spend, as SQL for a caller to run alone or as a data-modifying CTE of the statement that writes what
 * the tokens pay for, so both commit together. It takes each key's `wanted` tokens, all of them or none, and returns
 * a row (`key`) for each key that got all of its own.
 */
export function spendAllowancesSql(
  { table, key, tokens, refilledAt }: BucketTable,
  wanted: ReadonlyMap<string, number>,
  perMinute: number,
  now = new Date(),
): SQL {
  const at = sql`${now.toISOString()}::timestamptz`;
  const elapsedMinutes = sql`greatest(0, extract(epoch from ${at} - ${refilledAt}) / 60)`;
  const refilled = sql`least(${perMinute}::float8, ${tokens} + ${elapsedMinutes} * ${perMinute})`;
  // A new key's row starts full, less what it wants: `excluded`'s tokens say how many that is.
  const wantedOfRow = sql`(${perMinute}::float8 - excluded.${sql.identifier(tokens.name)})`;
  const rows = [...wanted].map(([keyValue, count]) => sql`(${keyValue}::text, ${count}::int)`);
  return sql`
    insert into ${table} (${sql.identifier(key.name)}, ${sql.identifier(tokens.name)}, ${sql.identifier(refilledAt.name)})
    select w.key, ${perMinute}::float8 - w.count, ${at}
    from (values ${sql.join(rows, sql`, `)}) as w(key, count)
    where w.count <= ${perMinute}
    on conflict (${sql.identifier(key.name)}) do update
      set ${sql.identifier(tokens.name)} = ${refilled} - ${wantedOfRow},
          ${sql.identifier(refilledAt.name)} = greatest(${refilledAt}, ${at})
      where ${refilled} >= ${wantedOfRow}
    returning ${sql.identifier(key.name)} as key`;
}

/** Time for a whole token from empty: an upper bound for Retry-After, never a promise made too early. */
export const secondsToRefillOne = (perMinute: number) => Math.max(1, Math.ceil(60 / perMinute));
