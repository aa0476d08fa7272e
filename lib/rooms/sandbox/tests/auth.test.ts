import { describe, expect, it } from "vitest";

import { callSandbox, CONFIG, hashOf } from "./sandbox-client";

const USER = "user-auth";

// One request per authenticated route; the flows list and the template matter most, since the
// SDK requests them whatever verify-sdk-config answered.
const ENDPOINTS = [
  ["GET", "/verify-sdk-config/?bundle_id=1"],
  ["GET", "/api/v1/app-user-variables/"],
  ["GET", "/api/v1/sdk/flows/?page_size=9999&show_draft=true&deployment_id=1"],
  ["GET", "/v2/template/101/"],
  ["GET", "/template_step/1001/?v=4.0"],
  ["GET", "/bundle/1/"],
  ["POST", "/v2/integration/?async=false&activate=true"],
  ["GET", "/v2/integration/5001?is_read_only=false"],
  ["PUT", "/v2/integration/5001/?async=false&activate=true"],
  ["PUT", "/v2/integration/5001/enable/"],
  ["PUT", "/v2/integration/5001/disable/"],
  ["PUT", "/v2/integration/5001/rename/"],
  ["DELETE", "/setup/template/5001/"],
] as const;

function withQuery(target: string, credentials: Record<string, string>): string {
  const separator = target.includes("?") ? "&" : "?";
  return `${target}${separator}${new URLSearchParams(credentials).toString()}`;
}

const REFUSALS: { name: string; credentials: Record<string, string>; detail: string }[] = [
  {
    name: "no credentials",
    credentials: {},
    detail: "Authentication credentials were not provided: app_key, hash and user_id are required.",
  },
  {
    name: "a wrong app_key",
    credentials: { app_key: "another-app", hash: await hashOf(USER), user_id: USER },
    detail: "Invalid app_key: it is not this app's key.",
  },
  {
    name: "a hash made with another secret",
    credentials: { app_key: CONFIG.appKey, hash: await hashOf(USER, "wrong-secret"), user_id: USER },
    detail: "Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret.",
  },
  {
    name: "another user's hash",
    credentials: { app_key: CONFIG.appKey, hash: await hashOf("user-other"), user_id: USER },
    detail: "Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret.",
  },
  {
    name: "the hash in upper case",
    credentials: { app_key: CONFIG.appKey, hash: (await hashOf(USER)).toUpperCase(), user_id: USER },
    detail: "Invalid hash: expected HMAC-SHA256 of user_id keyed with the app secret.",
  },
  {
    name: "a user ID longer than Integry accepts",
    credentials: { app_key: CONFIG.appKey, hash: await hashOf("u".repeat(257)), user_id: "u".repeat(257) },
    detail: "Invalid user_id: The Integry user ID is longer than 256 characters.",
  },
];

describe("sandbox authentication", () => {
  it("is tested with Integry's hash: the credentials' hash gives the vector Integry's SDK helper gives", async () => {
    expect(await hashOf("user-123", "app-secret")).toBe(
      "09672265a6b42ff36f8de85607ebdd23171a1160f21e5064c441719753a26366",
    );
  });

  for (const refusal of REFUSALS) {
    it(`answers 401 with Integry's detail body to ${refusal.name}, on every endpoint`, async () => {
      for (const [method, target] of ENDPOINTS) {
        const response = await callSandbox(method, withQuery(target, refusal.credentials), {
          body: method === "GET" || method === "DELETE" ? undefined : { name: "x" },
        });
        expect(response.status, `${method} ${target}`).toBe(401);
        expect(await response.json(), `${method} ${target}`).toEqual({ detail: refusal.detail });
      }
    });
  }

  it("accepts a well-formed non-ASCII user ID hashed over its UTF-8 bytes", async () => {
    const userId = "josé-用户-42";
    const target = withQuery("/verify-sdk-config/", {
      app_key: CONFIG.appKey,
      hash: await hashOf(userId),
      user_id: userId,
    });
    expect((await callSandbox("GET", target)).status).toBe(200);
  });
});
