import type { SandboxContext } from "@/lib/rooms/sandbox/endpoint";
import { readJsonBody, sandboxJson, sandboxNoContent, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { MAX_NAME_LENGTH, parseIntegrationDraft } from "@/lib/rooms/sandbox/integration-draft";
import { callbackUrlOf } from "@/lib/rooms/sandbox/run-endpoints";
import { integrationJson, instanceJson } from "@/lib/rooms/sandbox/sdk-shapes";
import type { IntegrationStatus } from "@/lib/rooms/sandbox/store";

// Another user's integration answers exactly like a missing one: IDs reveal nothing.
const NOT_FOUND = "Integration not found.";

function requestedStatus(url: URL, fallback: IntegrationStatus): IntegrationStatus {
  const activate = url.searchParams.get("activate");
  if (activate === null) return fallback;
  return activate === "true" ? "ACTIVE" : "INACTIVE";
}

export async function createIntegration(context: SandboxContext): Promise<Response> {
  const body = await readJsonBody(context.request);
  if (!body.ok) return body.response;
  const parsed = parseIntegrationDraft(body.value, requestedStatus(context.url, "ACTIVE"));
  if (!parsed.ok) return sandboxRefusal(400, parsed.detail);
  const integration = await context.store.create(context.userId, parsed.draft);
  if (!integration)
    return sandboxRefusal(400, "The sandbox keeps a limited number of integrations per user; delete one first.");
  return sandboxJson(integrationJson(integration, callbackUrlOf(context, integration)), 201);
}

export async function getIntegration(context: SandboxContext): Promise<Response> {
  const integration = await context.store.get(context.userId, context.id);
  if (!integration) return sandboxRefusal(404, NOT_FOUND);
  return sandboxJson(integrationJson(integration, callbackUrlOf(context, integration)));
}

export async function updateIntegration(context: SandboxContext): Promise<Response> {
  const existing = await context.store.get(context.userId, context.id);
  if (!existing) return sandboxRefusal(404, NOT_FOUND);
  const body = await readJsonBody(context.request);
  if (!body.ok) return body.response;
  const parsed = parseIntegrationDraft(body.value, requestedStatus(context.url, existing.status));
  if (!parsed.ok) return sandboxRefusal(400, parsed.detail);
  if (parsed.draft.flowId !== existing.flowId)
    return sandboxRefusal(400, "template: an integration keeps its template.");
  const updated = await context.store.update(context.userId, context.id, parsed.draft);
  if (!updated) return sandboxRefusal(404, NOT_FOUND);
  return sandboxJson(integrationJson(updated, callbackUrlOf(context, updated)));
}

function setStatus(status: IntegrationStatus) {
  return async (context: SandboxContext): Promise<Response> => {
    const integration = await context.store.patch(context.userId, context.id, { status });
    return integration ? sandboxJson(instanceJson(integration)) : sandboxRefusal(404, NOT_FOUND);
  };
}

export const enableIntegration = setStatus("ACTIVE");
export const disableIntegration = setStatus("INACTIVE");

export async function renameIntegration(context: SandboxContext): Promise<Response> {
  const body = await readJsonBody(context.request);
  if (!body.ok) return body.response;
  const name = typeof body.value === "object" && body.value !== null ? Reflect.get(body.value, "name") : undefined;
  if (typeof name !== "string" || name.trim() === "" || name.length > MAX_NAME_LENGTH) {
    return sandboxRefusal(400, `name: a non-empty string of at most ${MAX_NAME_LENGTH} characters.`);
  }
  const integration = await context.store.patch(context.userId, context.id, { name: name.trim() });
  return integration ? sandboxJson(instanceJson(integration)) : sandboxRefusal(404, NOT_FOUND);
}

// DELETE /setup/template/<id>/: despite the path, it deletes a saved integration.
export async function deleteIntegration(context: SandboxContext): Promise<Response> {
  const deleted = await context.store.delete(context.userId, context.id);
  return deleted ? sandboxNoContent() : sandboxRefusal(404, NOT_FOUND);
}
