import "server-only";

import { setTimeout as sleep } from "node:timers/promises";

import { integryHash } from "@/lib/integry/server/hash";
import type { SandboxContext } from "@/lib/rooms/sandbox/endpoint";
import { readJsonBody, sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { sandboxCallbackUrl } from "@/lib/rooms/sandbox/run-urls";
import { findSampleFlow } from "@/lib/rooms/sandbox/sample-deployment";
import { unstorableJson } from "@/lib/rooms/sandbox/storable-json";
import { CALLBACK_FAILURES, type SandboxRun, type SavedIntegration } from "@/lib/rooms/sandbox/store";

const MAX_IDEMPOTENCY_KEY_LENGTH = 200;
const RUNS_PAGE_SIZE = 50;
const MAX_FAIL_NEXT = 100;
// Longer than any caller waits (the app gives up at 10 s), yet bounded: a held request never outlives this.
const MAX_HOLD_MS = 30_000;
const NOT_FOUND = "Integration not found.";

const hasWebhookTrigger = (integration: SavedIntegration) => findSampleFlow(integration.flowId)?.webhookTrigger;

/** The integration's callback URL, or undefined when its flow has no webhook trigger to call. */
export function callbackUrlOf(context: SandboxContext, integration: SavedIntegration): string | undefined {
  if (!hasWebhookTrigger(integration)) return undefined;
  const { appKey, appSecret } = context.config;
  const { userId } = context;
  return sandboxCallbackUrl(integration.id, { appKey, userId, hash: integryHash(appSecret, userId) });
}

const isJsonObject = (value: unknown) => typeof value === "object" && value !== null && !Array.isArray(value);

const runJson = ({ id, integrationId, createdAt }: SandboxRun) => ({ id, integrationId, createdAt });

// Integry runs the flow with the app's event once per Idempotency-Key, however often a retry sends it.
export async function runCallback(context: SandboxContext): Promise<Response> {
  const { store, userId, request } = context;
  const integration = await store.get(userId, context.id);
  // No callback URL exists for a flow without a webhook trigger; another user's integration looks the same.
  if (!integration || !hasWebhookTrigger(integration)) return sandboxRefusal(404, NOT_FOUND);
  if (integration.status !== "ACTIVE") return sandboxRefusal(404, "Integration is disabled: it runs nothing.");
  const body = await readJsonBody(request);
  if (!body.ok) return body.response;
  if (!isJsonObject(body.value)) return sandboxRefusal(400, "The body must be a JSON object.");
  // Kept as sent, so what cannot be stored is refused now.
  const problem = unstorableJson(body.value);
  if (problem) return sandboxRefusal(400, `The body may not contain ${problem}.`);
  const idempotencyKey = request.headers.get("Idempotency-Key") ?? "";
  if (idempotencyKey.length < 1 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    return sandboxRefusal(400, `Idempotency-Key: a header of 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} characters.`);
  }
  const failure = await store.takeRunFailure(userId, integration.id);
  if (failure === "timeout") {
    // As an overloaded receiver would: no answer, and no run, until the caller gives up.
    await sleep(MAX_HOLD_MS, undefined, { signal: request.signal }).catch(() => {});
    return sandboxRefusal(504, "The sandbox was told not to answer this call (fail-next): retry it.");
  }
  if (failure === "503") return sandboxRefusal(503, "The sandbox was told to fail this call (fail-next): retry it.");
  const recorded = await store.recordRun(userId, {
    integrationId: integration.id,
    idempotencyKey,
    payload: body.value,
  });
  if (!recorded) return sandboxRefusal(404, NOT_FOUND);
  // Keys are unique per identity: a key reused for another integration would silently skip this one's run.
  if (recorded.run.integrationId !== integration.id) {
    return sandboxRefusal(422, "Idempotency-Key: already used for another integration; make keys unique per call.");
  }
  return sandboxJson({ run: runJson(recorded.run), replayed: recorded.replayed });
}

// Sandbox-only test switch: POST /callbacks/<id>/fail-next?count=N[&failure=503|timeout] fails that integration's
// next N callbacks: 503 by default; `timeout` holds each unanswered until its caller gives up.
export async function failNextCallbacks(context: SandboxContext): Promise<Response> {
  if (!(await context.store.get(context.userId, context.id))) return sandboxRefusal(404, NOT_FOUND);
  const count = context.url.searchParams.get("count") ?? "";
  if (!/^\d{1,3}$/.test(count) || Number(count) > MAX_FAIL_NEXT) {
    return sandboxRefusal(400, `count: a whole number from 0 to ${MAX_FAIL_NEXT}.`);
  }
  const failure = CALLBACK_FAILURES.find((known) => known === (context.url.searchParams.get("failure") ?? "503"));
  if (!failure) return sandboxRefusal(400, `failure: one of ${CALLBACK_FAILURES.join(", ")}.`);
  await context.store.failNextRuns(context.userId, context.id, Number(count), failure);
  return sandboxJson({ integrationId: context.id, failNext: Number(count), failure });
}

export async function listRuns(context: SandboxContext): Promise<Response> {
  const filter = context.url.searchParams.get("integration_id");
  if (filter !== null && !/^\d{1,12}$/.test(filter)) return sandboxRefusal(400, "integration_id: an integration ID.");
  const integrationId = filter === null ? undefined : Number(filter);
  return sandboxJson({ runs: await context.store.listRuns(context.userId, integrationId, RUNS_PAGE_SIZE) });
}
