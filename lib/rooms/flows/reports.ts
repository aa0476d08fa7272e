import "server-only";

import { z } from "zod";

import type { Database } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import {
  countOtherActiveIntegrations,
  listIntegrations,
  recordIntegration,
  setIntegrationStatus,
} from "@/lib/rooms/flows/integrations";
import { storableText } from "@/lib/rooms/flows/storable-text";
import type { CallbackTransport } from "@/lib/rooms/flows/transport";

const integrationId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What the embed reports of the SDK's events, as `{ event, …the event's own fields }`. */
export const IntegrationReportBody = z.discriminatedUnion("event", [
  z.object({
    event: z.literal("did-save-integration"),
    integrationId,
    flowName: storableText.max(200).default(""),
    status: z.enum(["ACTIVE", "INACTIVE"]).default("ACTIVE"),
    // Null for a flow with no webhook trigger: the app has nothing to send it.
    callbackUrl: z.string().nullable().default(null),
  }),
  z.object({
    event: z.enum(["did-enable-integration", "did-disable-integration", "did-delete-integration"]),
    integrationId,
  }),
]);

// Each lead is sent to every active integration of its identity at once: this bounds what one lead sets off.
export const MAX_ACTIVE_INTEGRATIONS = 20;

async function assertRoomForOneMore(db: Database, identity: string, integrationId: number) {
  if ((await countOtherActiveIntegrations(db, identity, integrationId)) >= MAX_ACTIVE_INTEGRATIONS) {
    throw new AppError(
      "too_many_integrations",
      `You have ${MAX_ACTIVE_INTEGRATIONS} active integrations, the most a lead is sent to: disable one first.`,
    );
  }
}

const STATUS_AFTER = {
  "did-enable-integration": "active",
  "did-disable-integration": "disabled",
  "did-delete-integration": "deleted",
} as const;

/** Stores what the SDK reported for `identity`; a callback URL the transport refuses is a 422 and stores nothing. */
export async function recordIntegrationReport(
  db: Database,
  identity: string,
  transport: CallbackTransport,
  body: unknown,
) {
  const parsed = IntegrationReportBody.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new AppError(
      "bad_request",
      `Invalid integration report: ${issue.path.join(".") || "body"}: ${issue.message}`,
    );
  }
  const report = parsed.data;
  if (report.event !== "did-save-integration") {
    const status = STATUS_AFTER[report.event];
    if (status === "active") await assertRoomForOneMore(db, identity, report.integrationId);
    if (await setIntegrationStatus(db, identity, report.integrationId, status)) return;
    throw new AppError("not_found", `No integration ${report.integrationId} has been reported for you.`);
  }
  const problem = report.callbackUrl === null ? undefined : transport.refuse(report.callbackUrl, identity);
  if (problem) throw new AppError("invalid_callback_url", `The callback URL ${problem}: nothing was stored.`);
  const status = report.status === "ACTIVE" ? "active" : "disabled";
  if (status === "active") await assertRoomForOneMore(db, identity, report.integrationId);
  await recordIntegration(db, identity, { ...report, status });
}

/** The identity's integrations for its own browser: whether each has a callback URL, never the URL (it may carry a token). */
export async function integrationsShown(db: Database, identity: string) {
  return (await listIntegrations(db, identity)).map(({ callbackUrl, integrationId, flowName, status, updatedAt }) => ({
    ...{ integrationId, flowName, status, updatedAt },
    hasCallbackUrl: callbackUrl !== null,
  }));
}
