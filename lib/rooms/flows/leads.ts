import "server-only";

import { after } from "next/server";
import { z } from "zod";

import { isEmbeddedDatabase, type Database } from "@/lib/db/client";
import { inStatementBatches } from "@/lib/db/statement-batches";
import { AppError } from "@/lib/errors";
import { deliverSoon, SENDS_PER_LEAD } from "@/lib/rooms/flows/deliver";
import { leadRefusal, payForLeadNow, payForLeads } from "@/lib/rooms/flows/lead-allowance";
import { eventsPerIdentity, recordEvents, type RecordedEvent } from "@/lib/rooms/flows/outbox";
import { releaseSendSlots, takeFreeSendSlots } from "@/lib/rooms/flows/send-slots";
import { getLeadsPerMinute } from "@/lib/rooms/flows/settings";
import { storableText } from "@/lib/rooms/flows/storable-text";
import type { CallbackTransport } from "@/lib/rooms/flows/transport";

/** The sample domain's one event: a new lead, as a CRM would record it. */
const Lead = z.object({
  name: storableText.trim().min(1, "is required").max(100),
  email: z.email("is not an email address").max(200),
  company: storableText.trim().max(100).default(""),
});

interface LeadToWrite {
  identity: string;
  payload: unknown;
  claimUpTo: number;
  /** Paid for already, from memory (the embedded database); else its statement pays. */
  paid: boolean;
}

/**
 * Leads per statement: a burst of them makes a few statements, none of unbounded size. The embedded database runs a
 * statement on the server's own thread, so a long one is a pause for every request beside it: measured with pages
 * loading beside the leads, their p99 went from 19 ms with 4 leads a statement to 25 ms with 8 (9 ms idle).
 */
const mostLeadsPerStatement = (db: Database) => (isEmbeddedDatabase(db) ? 4 : 100);

/**
 * Writes leads in one statement, each identity's paid for from its allowance. An identity refused for several leads
 * at once may have had tokens for some, and a batch that failed may have failed for one lead only: those are
 * written again, one at a time, so exactly the leads an allowance allows are written and a bad lead fails alone.
 */
async function writeLeads(db: Database, leads: LeadToWrite[]): Promise<(RecordedEvent | Error)[]> {
  const perMinute = getLeadsPerMinute();
  const write = (batch: LeadToWrite[]) =>
    recordEvents(
      db,
      batch.map(({ identity, payload, claimUpTo }) => ({ identity, type: "lead.created", payload, claimUpTo })),
      batch.every(({ paid }) => paid) ? undefined : payForLeads(perMinute),
    );
  const alone = async (lead: LeadToWrite) => {
    try {
      return (await write([lead]))[0] ?? leadRefusal(perMinute);
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error));
    }
  };
  if (leads.length === 1) return [await alone(leads[0]!)];
  const together = await write(leads).catch(() => undefined);
  const leadsOf = eventsPerIdentity(leads);
  const results: (RecordedEvent | Error)[] = [];
  for (const [index, lead] of leads.entries()) {
    const recorded = together?.[index];
    if (recorded) results.push(recorded);
    else if (together && leadsOf.get(lead.identity) === 1) results.push(leadRefusal(perMinute));
    else results.push(await alone(lead));
  }
  return results;
}

const writeLeadSoon = inStatementBatches(writeLeads, mostLeadsPerStatement);

/**
 * Records the event and its deliveries (in a statement shared with the leads that arrive meanwhile), then sends them
 * after the response: a crash in between loses nothing, as the cron route (or a later lead's sweep) sends what is
 * still pending, and what was written claimed once its lease has run out.
 */
export async function createLead(db: Database, identity: string, transport: CallbackTransport, body: unknown) {
  const parsed = Lead.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `The lead's ${issue.path.join(".") || "body"} ${issue.message}.`);
  }
  const payload = { event: "lead.created", lead: parsed.data, createdAt: new Date().toISOString() };
  const { eventId, deliveryIds, claimed } = await recordLead(db, identity, payload);
  after(() => deliverSoon(db, deliveryIds, { send: transport.send }, claimed));
  return { eventId, deliveries: deliveryIds.length };
}

/**
 * Writes a lead for `identity`, paid for from its allowance (429 past it), with send slots for its first deliveries,
 * taken before they are written claimed: the caller sends those right after its response, inside their lease, with
 * no claim of its own. With none free, they are written due.
 */
export async function recordLead(db: Database, identity: string, payload: unknown): Promise<RecordedEvent> {
  const paid = payForLeadNow(db, identity, getLeadsPerMinute());
  const slots = takeFreeSendSlots(SENDS_PER_LEAD);
  const recorded = await writeLeadSoon(db, { identity, payload, claimUpTo: slots, paid });
  if (recorded instanceof Error) {
    releaseSendSlots(slots);
    throw recorded;
  }
  releaseSendSlots(slots - recorded.claimed.length);
  return recorded;
}
