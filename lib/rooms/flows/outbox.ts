import "server-only";

import { getTableName, sql, type SQL } from "drizzle-orm";

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

export interface NewEvent {
  identity: string;
  type: string;
  payload: unknown;
  /** Deliveries to write already claimed, for which the caller holds send slots. */
  claimUpTo?: number;
}

/**
 * What pays for a batch's events, when something must (a rate limit's `spendAllowancesSql`): SQL that takes, for
 * each identity, as many tokens as it has events, all or none, and returns a row (`key`) for each identity paid for.
 */
export type EventsPayment = (wanted: ReadonlyMap<string, number>) => SQL;

/** How many of `events` each identity has. */
export function eventsPerIdentity(events: readonly { identity: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { identity } of events) counts.set(identity, (counts.get(identity) ?? 0) + 1);
  return counts;
}

type Written = {
  id: number;
  integrationId: number;
  callbackUrl: string;
  idempotencyKey: string;
  attempts: number;
  refusals: number;
};

/**
 * Records app events and one delivery per active integration of each event's identity that has a callback URL, in
 * one statement: either all are written or none, so no event is lost between "it happened" and "it must be sent".
 * Each event's first `claimUpTo` deliveries are written claimed, as a claim would leave them (their first attempt, a
 * lease ahead), so the request that wrote them sends them with no claim of its own; the others are due now, for
 * `deliverSoon`. With `pay`, an event whose identity was not paid for is not written: null in its place.
 */
export async function recordEvents(
  db: Database,
  events: readonly NewEvent[],
  pay?: EventsPayment,
): Promise<(RecordedEvent | null)[]> {
  // The app's clock, not the database's: deliverNow compares with it right after, and the two may differ.
  const now = new Date();
  const dueAt = now.toISOString();
  const leaseEnd = new Date(now.getTime() + LEASE_MS).toISOString();
  const input = events.map(
    ({ identity, type, payload, claimUpTo = 0 }, order) =>
      sql`(${order}::int, ${identity}::text, ${type}::text, ${JSON.stringify(payload)}::jsonb, ${claimUpTo}::int)`,
  );
  const written = await db.execute(sql`
    with input as (
      select * from (values ${sql.join(input, sql`, `)}) as i(ord, identity, type, payload, claim_up_to)
    ), paid as (
      ${pay ? pay(eventsPerIdentity(events)) : sql`select distinct identity as key from input`}
    ), numbered as (
      -- Each event's ID, taken before it is written: the deliveries below and the answer need to know whose it is.
      select input.*, nextval(pg_get_serial_sequence(${getTableName(appEvents)}, ${appEvents.id.name})) as event_id
      from input where identity in (select key from paid)
    ), event as (
      insert into ${appEvents} (${columnName(appEvents.id)}, ${columnName(appEvents.identity)}, ${columnName(appEvents.type)}, ${columnName(appEvents.payload)})
      select event_id, identity, type, payload from numbered
    ), targets as (
      select ${flowIntegrations.identity} as identity, ${flowIntegrations.integrationId} as integration_id,
        ${flowIntegrations.callbackUrl} as callback_url, ${flowIntegrations.refusals} as refusals,
        row_number() over (partition by ${flowIntegrations.identity} order by ${flowIntegrations.integrationId}) as rank
      from ${flowIntegrations}
      where ${flowIntegrations.identity} in (select identity from input) and ${flowIntegrations.status} = 'active'
        and ${flowIntegrations.callbackUrl} is not null
    ), written as (
      insert into ${deliveries} (${columnName(deliveries.eventId)}, ${columnName(deliveries.identity)},
        ${columnName(deliveries.integrationId)}, ${columnName(deliveries.callbackUrl)}, ${columnName(deliveries.status)},
        ${columnName(deliveries.attempts)}, ${columnName(deliveries.nextAttemptAt)})
      select n.event_id, n.identity, t.integration_id, t.callback_url, 'pending',
        case when t.rank <= n.claim_up_to then 1 else 0 end,
        case when t.rank <= n.claim_up_to then ${leaseEnd}::timestamptz else ${dueAt}::timestamptz end
      from numbered n join targets t on t.identity = n.identity
      -- IDs in the order of the events, then of their integrations, as when each event had a statement of its own.
      order by n.ord, t.rank
      returning ${columnName(deliveries.id)}, ${columnName(deliveries.eventId)}, ${columnName(deliveries.identity)},
        ${columnName(deliveries.integrationId)}, ${columnName(deliveries.callbackUrl)},
        ${columnName(deliveries.idempotencyKey)}, ${columnName(deliveries.attempts)}
    )
    select n.ord, n.event_id,
      (select json_agg(json_build_object('id', w.id, 'integrationId', w.integration_id,
        'callbackUrl', w.callback_url, 'idempotencyKey', w.idempotency_key, 'attempts', w.attempts,
        'refusals', t.refusals) order by w.id)
       from written w join targets t on t.identity = w.identity and t.integration_id = w.integration_id
       where w.event_id = n.event_id) as written
    from numbered n`);
  const recorded: (RecordedEvent | null)[] = events.map(() => null);
  for (const row of resultRows(written) as { ord: number; event_id: unknown; written: Written[] | string | null }[]) {
    const { identity, payload } = events[row.ord]!;
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
    recorded[row.ord] = { eventId: Number(row.event_id), deliveryIds: rows.map(({ id }) => id), claimed };
  }
  return recorded;
}

/** One event, as `recordEvents` writes it, for a caller with nothing to pay. */
export async function recordEvent(
  db: Database,
  identity: string,
  type: string,
  payload: unknown,
  { claimUpTo }: { claimUpTo?: number } = {},
): Promise<RecordedEvent> {
  const [recorded] = await recordEvents(db, [{ identity, type, payload, claimUpTo }]);
  return recorded!;
}
