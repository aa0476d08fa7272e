/** The body @integry/sdk 4.9.37 sends on Save for "Send new leads to Slack" (flow 101), as captured in Chromium. */
export function slackSaveBody(channel: string, message: string) {
  return {
    name: "Send new leads to Slack",
    notification_email: "",
    template: 101,
    bundle_id: 1,
    steps: [
      {
        id: 1001,
        authorization: null,
        template_step: 1001,
        app_user_data: [
          { id: 100101, value: channel, template_field: 100101 },
          { id: 100102, value: message, template_field: 100102 },
        ],
      },
    ],
    parameters: {},
  };
}

/** The callback URL a save handed out, as the SDK reads it from the trigger step's `returned_data`. */
export function callbackUrlOf(saved: { steps: { returned_data: string | null }[] }): string {
  return (JSON.parse(saved.steps[0]?.returned_data ?? "null") as { endpoint: string }).endpoint;
}

/**
 * Saves "Send new leads to Slack" in a running server's sandbox as the embed would, with the params the app gives the
 * session `cookie`: that identity's Slack is then connected.
 */
export async function connectSlackInSandbox(url: string, cookie: string): Promise<void> {
  const params = (await (await fetch(`${url}/api/integry-params`, { headers: { cookie } })).json()) as {
    appKey: string;
    userId: string;
    hash: string;
  };
  const auth = new URLSearchParams({ app_key: params.appKey, user_id: params.userId, hash: params.hash }).toString();
  const saved = await fetch(`${url}/api/sandbox/v2/integration/?async=false&activate=true&${auth}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(slackSaveBody("#sales", "New lead")),
  });
  if (saved.status !== 201) throw new Error(`the sandbox refused a save: ${saved.status}`);
}
