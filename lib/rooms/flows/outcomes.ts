import "server-only";

import { sql } from "drizzle-orm";

import { resultRows, type Database } from "@/lib/db/client";
import { inStatementBatches } from "@/lib/db/statement-batches";
import { columnName, deliveries, type DeliveryStatus } from "@/lib/rooms/flows/tables";

export interface Outcome {
  id: number;
  /** The attempt it answers: a worker whose lease ran out records nothing, the delivery is another's attempt by then. */
  attempt: number;
  status: DeliveryStatus;
  lastHttpStatus: number | null;
  lastError: string | null;
  /** When a retry is due; null leaves the lease's time as it is. */
  nextAttemptAt: Date | null;
}

// Rows per statement: a burst of outcomes makes a few statements, none of unbounded size.
const MOST_PER_STATEMENT = 200;

const recordedKey = (id: unknown, attempt: unknown) => `${id}:${attempt}`;

/** Records each outcome whose attempt is still its delivery's, in one statement: which were, by delivery and attempt. */
export async function writeOutcomes(db: Database, outcomes: Outcome[]): Promise<Set<string>> {
  const rows = outcomes.map(
    ({ id, attempt, status, lastHttpStatus, lastError, nextAttemptAt }) =>
      sql`(${id}::bigint, ${attempt}::int, ${status}::text, ${lastHttpStatus}::int, ${lastError}::text, ${nextAttemptAt?.toISOString() ?? null}::timestamptz)`,
  );
  const updated = await db.execute(sql`
    update ${deliveries} set
      ${columnName(deliveries.status)} = o.status,
      ${columnName(deliveries.lastHttpStatus)} = o.last_http_status,
      ${columnName(deliveries.lastError)} = o.last_error,
      ${columnName(deliveries.nextAttemptAt)} = coalesce(o.next_attempt_at, ${deliveries.nextAttemptAt}),
      ${columnName(deliveries.updatedAt)} = now()
    from (values ${sql.join(rows, sql`, `)}) as o(id, attempt, status, last_http_status, last_error, next_attempt_at)
    where ${deliveries.id} = o.id and ${deliveries.status} = 'pending' and ${deliveries.attempts} = o.attempt
    returning ${deliveries.id}, o.attempt`);
  return new Set(resultRows(updated).map(({ id, attempt }) => recordedKey(id, attempt)));
}

/**
 * Records an outcome that changes nothing but its delivery, in one statement with the others that arrive while one is
 * being written: a lead's sends end at about the same time, and a statement each was most of a lead's database work.
 * True when it was recorded: false when its attempt was no longer the delivery's.
 */
export const recordOutcomeSoon: (db: Database, outcome: Outcome) => Promise<boolean> = inStatementBatches(
  async (db, outcomes: Outcome[]) => {
    const recorded = await writeOutcomes(db, outcomes);
    return outcomes.map(({ id, attempt }) => recorded.has(recordedKey(id, attempt)));
  },
  MOST_PER_STATEMENT,
);
