import type { SandboxIconName } from "@/lib/rooms/sandbox/icons";

export interface SampleApp {
  id: number;
  name: string;
  icon: SandboxIconName;
}

export interface SampleField {
  id: number;
  machineName: string;
  title: string;
  description: string;
  required: boolean;
}

export interface SampleStep {
  id: number;
  title: string;
  app: SampleApp;
  fields: SampleField[];
}

export interface SampleFlow {
  id: number;
  name: string;
  description: string;
  app: SampleApp;
  allowMultipleInstances: boolean;
  /** Triggered by the app's events: the save hands the app a callback URL to POST each event to. */
  webhookTrigger?: boolean;
  steps: SampleStep[];
}

export const SANDBOX_CUSTOMER_APP: SampleApp = { id: 900, name: "Acme CRM (sandbox)", icon: "acme" };

export const SAMPLE_APPS = {
  slack: { id: 11, name: "Slack", icon: "slack" },
  sheets: { id: 12, name: "Google Sheets", icon: "google-sheets" },
  hubspot: { id: 13, name: "HubSpot", icon: "hubspot" },
  mailchimp: { id: 14, name: "Mailchimp", icon: "mailchimp" },
  webhook: { id: 15, name: "Webhook", icon: "webhook" },
  trello: { id: 16, name: "Trello", icon: "trello" },
} as const satisfies Record<string, SampleApp>;

export function sampleField(
  id: number,
  machineName: string,
  title: string,
  description: string,
  required = true,
): SampleField {
  return { id, machineName, title, description, required };
}
