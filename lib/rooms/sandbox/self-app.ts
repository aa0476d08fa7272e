import {
  SAMPLE_APPS,
  SANDBOX_CUSTOMER_APP,
  sampleField,
  type SampleFlow,
  type SampleStep,
} from "@/lib/rooms/sandbox/sample-model";

export const SELF_APP_FLOW: SampleFlow = {
  id: 107,
  name: "Post won deals from Acme CRM to Slack",
  description: "Reads each deal won in Acme CRM, as you, and posts it to a Slack channel.",
  app: SAMPLE_APPS.slack,
  allowMultipleInstances: false,
  steps: [
    {
      id: 1008,
      title: "Read won deals from Acme CRM",
      app: SANDBOX_CUSTOMER_APP,
      fields: [sampleField(100801, "pipeline", "Pipeline", "The Acme CRM pipeline to watch.")],
    },
    {
      id: 1009,
      title: "Post the deal to Slack",
      app: SAMPLE_APPS.slack,
      fields: [sampleField(100901, "channel", "Channel", "The channel to post in.")],
    },
  ],
};

export interface SampleUserVariable {
  key: string;
  title: string;
  description: string;
}

// The SDK checks `api_key` against `user.apiKey` and every other required variable against `user[key]`.
export const SANDBOX_USER_VARIABLES: readonly SampleUserVariable[] = [
  { key: "api_key", title: "API key", description: "Lets Integry call Acme CRM's API as the user." },
  { key: "crm_workspace", title: "CRM workspace", description: "The user's Acme CRM workspace." },
  { key: "plan", title: "Plan", description: "The workspace's Acme CRM plan." },
];

export function isSelfAppStep(step: SampleStep): boolean {
  return step.app.id === SANDBOX_CUSTOMER_APP.id;
}

export function usesSelfApp(flow: SampleFlow): boolean {
  return flow.steps.some(isSelfAppStep);
}
