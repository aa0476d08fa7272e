import { sandboxIconUrl } from "@/lib/rooms/sandbox/icons";
import {
  findSampleStep,
  SANDBOX_CUSTOMER_APP,
  type SampleApp,
  type SampleFlow,
  type SampleStep,
} from "@/lib/rooms/sandbox/sample-deployment";
import type { SelfAppAccount } from "@/lib/rooms/sandbox/self-api-key";
import { isSelfAppStep, type SampleUserVariable } from "@/lib/rooms/sandbox/self-app";
import type { SavedIntegration, SavedStep } from "@/lib/rooms/sandbox/store";

// The JSON bodies below carry what @integry/sdk 4.9.37 reads, with the names Integry's API uses.

function appJson(app: SampleApp) {
  return { id: app.id, name: app.name, icon_url: sandboxIconUrl(app.icon) };
}

export function verifiedConfigJson() {
  return { config_verified: true, meta: { app: appJson(SANDBOX_CUSTOMER_APP), storage: {} } };
}

export function userVariableJson(variable: SampleUserVariable, index: number) {
  return { id: index + 1, ...variable, is_required: true };
}

export function instanceJson(integration: SavedIntegration) {
  return {
    id: integration.id,
    name: integration.name,
    status: integration.status,
    created_at: integration.createdAt,
    last_run_start_time: null,
    last_run_status: null,
    version_upgrade_in_progress: false,
  };
}

function flowBasics(flow: SampleFlow) {
  return {
    id: flow.id,
    name: flow.name,
    description: flow.description,
    execution_type: "AUTOMATIC",
    execution_behaviour: "SAVE_ONLY",
    button_text: null,
    app: appJson(SANDBOX_CUSTOMER_APP),
    branding_app: appJson(flow.app),
  };
}

export function flowJson(flow: SampleFlow, saved: SavedIntegration[]) {
  return {
    ...flowBasics(flow),
    allow_multiple_instances: flow.allowMultipleInstances,
    version_number: null,
    integration_creation_in_progress: false,
    can_end_users_upgrade_integrations: false,
    upgrade_available_to: null,
    instances: saved.filter((integration) => integration.flowId === flow.id).map(instanceJson),
  };
}

export function templateJson(flow: SampleFlow) {
  return {
    ...flowBasics(flow),
    parameters: [],
    steps: flow.steps.map((step) => ({ id: step.id })),
  };
}

// With `account` (the key verified) the SDK hides the account step; without it, it shows "<app> Account" first.
function authorizationJson(step: SampleStep, account?: SelfAppAccount) {
  const base = { id: step.id * 10 + 1, app: appJson(step.app) };
  if (!isSelfAppStep(step)) return { ...base, type: "NO_AUTH", authorizations: [] };
  const implicit = { id: step.id * 10 + 2, authorization_type: "API_KEY", user_identity: account?.name };
  return { ...base, type: "API_KEY", authorizations: account ? [{ ...implicit, disable_link: null }] : [] };
}

export function templateStepJson(step: SampleStep, saved?: SavedStep, account?: SelfAppAccount) {
  return {
    id: step.id,
    title: step.title,
    machine_name: `step_${step.id}`,
    is_visible: true,
    hide_authorization: !isSelfAppStep(step) || account !== undefined,
    allow_multiple_authorizations: false,
    step_authorization: null,
    step_instance: saved?.id ?? null,
    source_steps: {},
    activity: { id: step.id * 10, name: step.title, type: "ACTION", app: appJson(step.app) },
    authorization_type: authorizationJson(step, account),
    template_fields: step.fields.map((field) => {
      const value = saved?.fields.find((savedField) => savedField.templateFieldId === field.id);
      return {
        id: field.id,
        title: field.title,
        type: "TEXTFIELD",
        description: field.description,
        default_value: null,
        is_required: field.required,
        is_visible: true,
        is_editable: true,
        app_user_data: value ? [{ id: value.id, value: value.value }] : [],
        activity_field: {
          id: field.id * 10,
          machine_name: field.machineName,
          type: "TEXTFIELD",
          title: field.title,
          description: field.description,
          is_required: field.required,
          is_dynamic: false,
        },
      };
    }),
  };
}

// RETURN_VIA_SDK: the SDK shows no "copy this URL" screen and hands the URL to the app in `did-save-integration`.
function webhookReturnedData(callbackUrl: string): string {
  return JSON.stringify({ is_webhook_url: true, endpoint: callbackUrl, user_experience: "RETURN_VIA_SDK" });
}

/** With `callbackUrl` (a flow with a webhook trigger), its first step, the trigger, returns it as Integry does. */
export function integrationJson(integration: SavedIntegration, callbackUrl?: string) {
  return {
    ...instanceJson(integration),
    template: integration.flowId,
    is_test_integration: false,
    steps: integration.steps.map((step, index) => ({
      id: step.id,
      template_step: step.templateStepId,
      activity_id: step.templateStepId * 10,
      step_name: findSampleStep(step.templateStepId)?.title ?? null,
      authorization: null,
      returned_data: callbackUrl && index === 0 ? webhookReturnedData(callbackUrl) : null,
      app_user_data: step.fields.map((field) => ({
        id: field.id,
        template_field: field.templateFieldId,
        value: field.value,
      })),
    })),
  };
}
