import "server-only";

import { after } from "next/server";
import { z } from "zod";

import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { deliverSoon, SENDS_PER_LEAD } from "@/lib/rooms/flows/deliver";
import { leadAllowanceSpend } from "@/lib/rooms/flows/lead-allowance";
import { recordEvent, type RecordedEvent } from "@/lib/rooms/flows/outbox";
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

/**
 * Records the event and its deliveries in one statement, then sends them after the response: a crash in
 * between loses nothing, as the cron route (or a later lead's sweep) sends what is still pending, and what was written
 * claimed once its lease has run out.
 */
export async function createLead(db: Database, identity: string, transport: CallbackTransport, body: unknown) {
  const parsed = Lead.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError("bad_request", `The lead's ${issue.path.join(".") || "body"} ${issue.message}.`);
  }
  const spend = leadAllowanceSpend(db, identity, getLeadsPerMinute());
  const payload = { event: "lead.created", lead: parsed.data, createdAt: new Date().toISOString() };
  // Slots for the lead's first deliveries, taken before they are written claimed: this request sends them right
  // after its response, inside their lease, with no claim of its own. With none free, they are written due.
  const slots = takeFreeSendSlots(SENDS_PER_LEAD);
  let recorded: RecordedEvent;
  try {
    recorded = await recordEvent(db, identity, "lead.created", payload, { claimUpTo: slots, spend });
  } catch (error) {
    releaseSendSlots(slots);
    throw error;
  }
  const { eventId, deliveryIds, claimed } = recorded;
  releaseSendSlots(slots - claimed.length);
  after(() => deliverSoon(db, deliveryIds, { send: transport.send }, claimed));
  return { eventId, deliveries: deliveryIds.length };
}
