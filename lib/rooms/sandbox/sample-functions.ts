import { createHash } from "node:crypto";

import { SAMPLE_APPS, type SampleApp } from "@/lib/rooms/sandbox/sample-model";

/** Integry's function types; the sandbox has no PASSTHROUGH functions, so listing that type finds none. */
export const FUNCTION_TYPES = ["QUERY", "ACTION", "PASSTHROUGH"] as const;
export type FunctionType = (typeof FUNCTION_TYPES)[number];

// Every parameter here is a string: the hand-written check in function-arguments.ts knows no other type.
interface StringParameter {
  type: "string";
  description: string;
}

/** JSON Schema, as Integry lists it: what OpenAI-style function calling takes as a tool's `parameters`. */
export interface FunctionParameters {
  type: "object";
  properties: Record<string, StringParameter>;
  required: string[];
}

/** What the app's own API answered: Integry passes its status code and body on as `network_code` and `output`. */
export interface UpstreamAnswer {
  networkCode: string;
  output: unknown;
}

export interface SandboxFunction {
  id: number;
  name: string;
  title: string;
  description: string;
  type: Exclude<FunctionType, "PASSTHROUGH">;
  app: SampleApp;
  parameters: FunctionParameters;
  /** Called only with valid arguments: each required parameter present, each one given a string. */
  run: (values: Readonly<Record<string, string>>) => UpstreamAnswer;
}

const SLACK_CHANNELS = [
  { id: "C0SANDBOX01", name: "general", is_channel: true, is_private: false, num_members: 12 },
  { id: "C0SANDBOX02", name: "random", is_channel: true, is_private: false, num_members: 9 },
  { id: "C0SANDBOX03", name: "sales", is_channel: true, is_private: false, num_members: 4 },
  { id: "G0SANDBOX04", name: "leadership", is_channel: true, is_private: true, num_members: 3 },
];

// Slack answers its own errors with HTTP 200 and `ok: false`, so Integry's network_code stays "200".
const slackError = (error: string): UpstreamAnswer => ({ networkCode: "200", output: { ok: false, error } });

function listConversations({ types = "public_channel" }: Readonly<Record<string, string>>): UpstreamAnswer {
  const wanted = types.split(",").map((type) => type.trim());
  if (wanted.some((type) => type !== "public_channel" && type !== "private_channel")) {
    return slackError("invalid_types");
  }
  const channels = SLACK_CHANNELS.filter((channel) =>
    wanted.includes(channel.is_private ? "private_channel" : "public_channel"),
  );
  return { networkCode: "200", output: { ok: true, channels, response_metadata: { next_cursor: "" } } };
}

function postMessage({ channel = "", text = "" }: Readonly<Record<string, string>>): UpstreamAnswer {
  // Slack takes a channel's ID or its name, with or without the #.
  const found = SLACK_CHANNELS.find(({ id, name }) => [id, name, `#${name}`].includes(channel));
  if (!found) return slackError("channel_not_found");
  const ts = (Date.now() / 1000).toFixed(6);
  return { networkCode: "200", output: { ok: true, channel: found.id, ts, message: { type: "message", text, ts } } };
}

function addSubscriber({ audience_id = "", email = "", tag }: Readonly<Record<string, string>>): UpstreamAnswer {
  // Mailchimp's ID for a member is the MD5 of its lower-cased email address.
  const id = createHash("md5").update(email.toLowerCase()).digest("hex");
  const tags = tag ? [{ name: tag }] : [];
  return {
    networkCode: "200",
    output: { id, email_address: email, status: "subscribed", list_id: audience_id, tags },
  };
}

// Named as Integry names its functions, `<app>-<verb>-<object>`; slack-post-message's texts are Integry's own.
export const SANDBOX_FUNCTIONS: readonly SandboxFunction[] = [
  {
    id: 3001,
    name: "slack-list-conversations",
    title: "List conversations",
    description: "Lists the channels in the Slack workspace.",
    type: "QUERY",
    app: SAMPLE_APPS.slack,
    parameters: {
      type: "object",
      properties: {
        types: {
          type: "string",
          description:
            "Comma-separated channel types to list: public_channel, private_channel. Default: public_channel",
        },
      },
      required: [],
    },
    run: listConversations,
  },
  {
    id: 3002,
    name: "slack-post-message",
    title: "Post a message",
    description: "Sends a message to a channel",
    type: "ACTION",
    app: SAMPLE_APPS.slack,
    parameters: {
      type: "object",
      properties: {
        channel: {
          type: "string",
          description:
            "Select channel you want to post the message to. Call `slack-list-conversations` to get available channels",
        },
        text: { type: "string", description: "The message text to be posted to Slack" },
      },
      required: ["channel", "text"],
    },
    run: postMessage,
  },
  {
    id: 3003,
    name: "mailchimp-add-subscriber",
    title: "Add a subscriber",
    description: "Adds an email address to a Mailchimp audience as a subscribed member.",
    type: "ACTION",
    app: SAMPLE_APPS.mailchimp,
    parameters: {
      type: "object",
      properties: {
        audience_id: {
          type: "string",
          description: "The audience to add the subscriber to. Found in Mailchimp under Audience settings.",
        },
        email: { type: "string", description: "The subscriber's email address." },
        tag: { type: "string", description: "A tag to give the subscriber." },
      },
      required: ["audience_id", "email"],
    },
    run: addSubscriber,
  },
];

export function findSandboxFunction(name: string): SandboxFunction | undefined {
  return SANDBOX_FUNCTIONS.find((fn) => fn.name === name);
}
