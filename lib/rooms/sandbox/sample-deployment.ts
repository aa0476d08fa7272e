import { SAMPLE_APPS, sampleField as field, type SampleFlow, type SampleStep } from "@/lib/rooms/sandbox/sample-model";
import { SELF_APP_FLOW } from "@/lib/rooms/sandbox/self-app";

export {
  SANDBOX_CUSTOMER_APP,
  type SampleApp,
  type SampleField,
  type SampleFlow,
  type SampleStep,
} from "@/lib/rooms/sandbox/sample-model";

const { slack, sheets, hubspot, mailchimp, webhook, trello } = SAMPLE_APPS;

export const SANDBOX_FLOWS: readonly SampleFlow[] = [
  {
    id: 101,
    name: "Send new leads to Slack",
    description: "Posts a message to a Slack channel whenever a lead is created in Acme CRM.",
    app: slack,
    allowMultipleInstances: false,
    webhookTrigger: true,
    steps: [
      {
        id: 1001,
        title: "Post a message to Slack",
        app: slack,
        fields: [
          field(100101, "channel", "Channel", "The channel to post in."),
          field(100102, "message", "Message", "What to post for each new lead."),
        ],
      },
    ],
  },
  {
    id: 102,
    name: "Add orders to Google Sheets",
    description: "Appends a row to a spreadsheet for every new order.",
    app: sheets,
    allowMultipleInstances: false,
    steps: [
      {
        id: 1002,
        title: "Add a row to a spreadsheet",
        app: sheets,
        fields: [
          field(100201, "spreadsheet_name", "Spreadsheet", "Name of the spreadsheet."),
          field(100202, "worksheet_name", "Worksheet", "Tab to append to; the first one if empty.", false),
        ],
      },
    ],
  },
  {
    id: 103,
    name: "Sync contacts to HubSpot",
    description: "Creates or updates a HubSpot contact when a contact changes in Acme CRM, and adds it to a list.",
    app: hubspot,
    allowMultipleInstances: false,
    steps: [
      {
        id: 1003,
        title: "Create or update a contact",
        app: hubspot,
        fields: [field(100301, "owner_email", "Contact owner", "Email of the HubSpot user who owns new contacts.")],
      },
      {
        id: 1004,
        title: "Add the contact to a list",
        app: hubspot,
        fields: [field(100401, "list_name", "List", "Static list to add the contact to.")],
      },
    ],
  },
  {
    id: 104,
    name: "Add new customers to a Mailchimp audience",
    description: "Subscribes each new customer to a Mailchimp audience, with an optional tag.",
    app: mailchimp,
    allowMultipleInstances: false,
    steps: [
      {
        id: 1005,
        title: "Add a subscriber",
        app: mailchimp,
        fields: [
          field(100501, "audience_id", "Audience ID", "Found in Mailchimp under Audience settings."),
          field(100502, "tag", "Tag", "Tag to give the subscriber.", false),
        ],
      },
    ],
  },
  {
    id: 105,
    name: "Send deal updates to a webhook",
    description: "POSTs a JSON payload to your URL whenever a deal changes stage. Add as many endpoints as you need.",
    app: webhook,
    allowMultipleInstances: true,
    steps: [
      {
        id: 1006,
        title: "Send an HTTP POST request",
        app: webhook,
        fields: [field(100601, "url", "Endpoint URL", "HTTPS URL that receives the payload.")],
      },
    ],
  },
  {
    id: 106,
    name: "Create Trello cards for support tickets",
    description: "Adds a card to a Trello list for every new support ticket.",
    app: trello,
    allowMultipleInstances: false,
    steps: [
      {
        id: 1007,
        title: "Create a card",
        app: trello,
        fields: [
          field(100701, "board_name", "Board", "Board that holds the list."),
          field(100702, "list_name", "List", "List to add cards to."),
        ],
      },
    ],
  },
  SELF_APP_FLOW,
];

export function findSampleFlow(id: number): SampleFlow | undefined {
  return SANDBOX_FLOWS.find((flow) => flow.id === id);
}

export function findSampleStep(id: number): SampleStep | undefined {
  return SANDBOX_FLOWS.flatMap((flow) => flow.steps).find((step) => step.id === id);
}
