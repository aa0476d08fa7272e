import "server-only";

import { sql, type SQL } from "drizzle-orm";

import { resultRows, type Database } from "@/lib/db/client";
import { LEASE_MS, type ClaimedDelivery } from "@/lib/rooms/flows/claim";
import { appEvents, columnName, deliveries, flowIntegrations } from "@/lib/rooms/flows/tables";

export interface RecordedEvent {
  eventId: number;
  /** Every delivery of the event, claimed or not. */
  deliveryIds: number[];
  /** Those written already claimed for this process: the caller holds a send slot for each, and sends them. */
  claimed: ClaimedDelivery[];
}

export interface RecordOptions {
  /** Deliveries to write already claimed, for which the caller holds send slots. */
  claimUpTo?: number;
  /** A spend from a rate limit that pays for the event (`spendAllowanceWithin`): with no row from it, nothing is
   * written and `refusal` is thrown. */
  spend?: { sql: SQL; refusal: () => Error };
}

/**
 * Records an app event and one delivery per active integration of `identity` that has a callback URL, in one
 * statement: either both are written or neither, so no event is lost between "it happened" and "it must be sent".
 * The first `claimUpTo` are written claimed, as a claim would leave them (their first attempt, a lease ahead), so
 * the request that wrote them sends them with no claim of its own; the others are due now, for `deliverSoon`.
 */
export async function recordEvent(
  db: Database,
  identity: string,
  type: string,
  payload: unknown,
  { claimUpTo = 0, spend }: RecordOptions = {},
): Promise<RecordedEvent> {
  // The app's clock, not the database's: deliverNow compares with it right after, and the two may differ.
  const now = new Date();
  const dueAt = now.toISOString();
  const leaseEnd = new Date(now.getTime() + LEASE_MS).toISOString();
  const written = await db.execute(sql`
    with spent as (${spend?.sql ?? sql`select 1`}), event as (
      insert into ${appEvents} (${columnName(appEvents.identity)}, ${columnName(appEvents.type)}, ${columnName(appEvents.payload)})
      select ${identity}, ${type}, ${JSON.stringify(payload)}::jsonb where exists (select from spent)
      returning ${columnName(appEvents.id)}
    ), targets as (
      select ${flowIntegrations.integrationId} as integration_id, ${flowIntegrations.callbackUrl} as callback_url,
        ${flowIntegrations.refusals} as refusals,
        row_number() over (order by ${flowIntegrations.integrationId}) <= ${claimUpTo} as claimed
      from ${flowIntegrations}
      where ${flowIntegrations.identity} = ${identity} and ${flowIntegrations.status} = 'active'
        and ${flowIntegrations.callbackUrl} is not null
    ), written as (
      insert into ${deliveries} (${columnName(deliveries.eventId)}, ${columnName(deliveries.identity)},
        ${columnName(deliveries.integrationId)}, ${columnName(deliveries.callbackUrl)}, ${columnName(deliveries.status)},
        ${columnName(deliveries.attempts)}, ${columnName(deliveries.nextAttemptAt)})
      select event.id, ${identity}, integration_id, callback_url, 'pending', case when claimed then 1 else 0 end,
        case when claimed then ${leaseEnd}::timestamptz else ${dueAt}::timestamptz end
      from event, targets
      returning ${columnName(deliveries.id)}, ${columnName(deliveries.integrationId)}, ${columnName(deliveries.callbackUrl)},
        ${columnName(deliveries.idempotencyKey)}, ${columnName(deliveries.attempts)}
    )
    select (select id from event) as event_id,
      (select json_agg(json_build_object('id', w.id, 'integrationId', w.integration_id,
        'callbackUrl', w.callback_url, 'idempotencyKey', w.idempotency_key, 'attempts', w.attempts,
        'refusals', t.refusals) order by w.id)
       from written w join targets t on t.integration_id = w.integration_id) as written`);
  type Written = {
    id: number;
    integrationId: number;
    callbackUrl: string;
    idempotencyKey: string;
    attempts: number;
    refusals: number;
  };
  const [row] = resultRows(written) as [{ event_id: unknown; written: Written[] | string | null }];
  if (row.event_id === null && spend) throw spend.refusal();
  // int8 comes back as a string from postgres-js and a number from PGlite; json as text from one and parsed from the other.
  const rows: Written[] = typeof row.written === "string" ? JSON.parse(row.written) : (row.written ?? []);
  const claimed = rows
    .filter(({ attempts }) => attempts === 1)
    .map(({ id, integrationId, callbackUrl, idempotencyKey, refusals }) => ({
      id,
      identity,
      integrationId,
      callbackUrl,
      idempotencyKey,
      payload,
      integrationStatus: "active" as const,
      integrationRefusals: refusals,
      attempt: 1,
    }));
  return { eventId: Number(row.event_id), deliveryIds: rows.map(({ id }) => id), claimed };
}
