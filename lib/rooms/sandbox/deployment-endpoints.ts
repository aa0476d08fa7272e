import type { SandboxContext } from "@/lib/rooms/sandbox/endpoint";
import { sandboxJson, sandboxRefusal } from "@/lib/rooms/sandbox/http";
import { SANDBOX_FLOWS, findSampleFlow, findSampleStep, type SampleFlow } from "@/lib/rooms/sandbox/sample-deployment";
import { authorizeSelfApp, type SelfAppAuthorization } from "@/lib/rooms/sandbox/self-api-key";
import { SANDBOX_USER_VARIABLES, usesSelfApp } from "@/lib/rooms/sandbox/self-app";
import {
  flowJson,
  instanceJson,
  templateJson,
  templateStepJson,
  userVariableJson,
  verifiedConfigJson,
} from "@/lib/rooms/sandbox/sdk-shapes";

// Another deployment ID is a misconfigured embed: say so instead of showing the sample flows under it.
function unknownDeployment(context: SandboxContext, sent: string | null): Response | undefined {
  if (sent === null || sent === context.config.deploymentId) return undefined;
  return sandboxRefusal(
    404,
    `Deployment ${sent.slice(0, 20)} not found: the sandbox serves deployment ${context.config.deploymentId}.`,
  );
}

export function verifySdkConfig(context: SandboxContext): Response {
  return unknownDeployment(context, context.url.searchParams.get("bundle_id")) ?? sandboxJson(verifiedConfigJson());
}

export function listUserVariables(): Response {
  const results = SANDBOX_USER_VARIABLES.map(userVariableJson);
  return sandboxJson({ count: results.length, next: null, previous: null, results });
}

export async function listFlows(context: SandboxContext): Promise<Response> {
  const refusal = unknownDeployment(context, context.url.searchParams.get("deployment_id"));
  if (refusal) return refusal;
  const saved = await context.store.list(context.userId);
  const results = SANDBOX_FLOWS.map((flow) => flowJson(flow, saved));
  return sandboxJson({ count: results.length, next: null, previous: null, results });
}

export async function listDeploymentIntegrations(context: SandboxContext): Promise<Response> {
  const refusal = unknownDeployment(context, String(context.id));
  if (refusal) return refusal;
  const integrations = (await context.store.list(context.userId)).map((integration) => ({
    ...instanceJson(integration),
    template: integration.flowId,
  }));
  return sandboxJson({ id: context.id, name: "Sandbox deployment", integrations });
}

function authorizeFlow(
  context: SandboxContext,
  flow: SampleFlow | undefined,
): Promise<SelfAppAuthorization> | undefined {
  return flow && usesSelfApp(flow) ? authorizeSelfApp(context) : undefined;
}

export async function getTemplate(context: SandboxContext): Promise<Response> {
  const flow = findSampleFlow(context.id);
  if (!flow) return sandboxRefusal(404, "Not found.");
  const self = await authorizeFlow(context, flow);
  return self?.status === "refused" ? self.response : sandboxJson(templateJson(flow));
}

export async function getTemplateStep(context: SandboxContext): Promise<Response> {
  const step = findSampleStep(context.id);
  if (!step) return sandboxRefusal(404, "Not found.");
  const flow = SANDBOX_FLOWS.find((candidate) => candidate.steps.includes(step));
  const self = await authorizeFlow(context, flow);
  if (self?.status === "refused") return self.response;
  const account = self?.status === "verified" ? self : undefined;
  const integrationId = context.url.searchParams.get("integration_id");
  if (integrationId === null) return sandboxJson(templateStepJson(step, undefined, account));
  const integration = /^\d{1,12}$/.test(integrationId)
    ? await context.store.get(context.userId, Number(integrationId))
    : undefined;
  if (!integration) return sandboxRefusal(404, "Integration not found.");
  const saved = integration.steps.find((savedStep) => savedStep.templateStepId === step.id);
  return sandboxJson(templateStepJson(step, saved, account));
}
