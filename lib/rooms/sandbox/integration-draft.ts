import { findSampleFlow } from "@/lib/rooms/sandbox/sample-deployment";
import type { IntegrationDraft, IntegrationStatus } from "@/lib/rooms/sandbox/store";

export const MAX_NAME_LENGTH = 200;
export const MAX_VALUE_LENGTH = 2000;

export type DraftResult = { ok: true; draft: IntegrationDraft } | { ok: false; detail: string };

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectsIn(value: unknown): JsonObject[] | undefined {
  return Array.isArray(value) && value.every(isObject) ? value : undefined;
}

// `{ name, template, steps: [{ template_step, app_user_data: [{ template_field, value }] }] }`, from Save and Update.
export function parseIntegrationDraft(body: unknown, status: IntegrationStatus): DraftResult {
  if (!isObject(body)) return { ok: false, detail: "The body must be a JSON object." };
  const flow = typeof body.template === "number" ? findSampleFlow(body.template) : undefined;
  if (!flow) return { ok: false, detail: "template: not a template of this deployment." };
  const name = body.name ?? flow.name;
  if (typeof name !== "string" || name.length > MAX_NAME_LENGTH) {
    return { ok: false, detail: `name: a string of at most ${MAX_NAME_LENGTH} characters.` };
  }
  const steps = objectsIn(body.steps);
  if (!steps) return { ok: false, detail: "steps: a list of objects." };
  if (steps.some((sent) => !flow.steps.some((step) => step.id === sent.template_step))) {
    return { ok: false, detail: `steps: a step is not part of template ${flow.id}.` };
  }

  const values = new Map<number, Map<number, string>>();
  for (const step of flow.steps) {
    const sent = objectsIn(steps.find((candidate) => candidate.template_step === step.id)?.app_user_data ?? []);
    if (!sent) return { ok: false, detail: `steps[${step.id}].app_user_data: a list of objects.` };
    const stepValues = new Map<number, string>();
    for (const field of step.fields) {
      const value = sent.find((candidate) => candidate.template_field === field.id)?.value ?? "";
      if (typeof value !== "string" || value.length > MAX_VALUE_LENGTH) {
        return { ok: false, detail: `${field.title}: a string of at most ${MAX_VALUE_LENGTH} characters.` };
      }
      if (field.required && value.trim() === "") {
        return { ok: false, detail: `${field.title}: this field is required.` };
      }
      stepValues.set(field.id, value);
    }
    values.set(step.id, stepValues);
  }
  return { ok: true, draft: { flowId: flow.id, name: name.trim() || flow.name, status, values } };
}
