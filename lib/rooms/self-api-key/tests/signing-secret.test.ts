import { describe, expect, it } from "vitest";

import { PUBLISHED_API_KEY_SECRETS, PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";
import { checkEnvironment } from "@/lib/env-check";
import { INTEGRY_STAND_IN } from "@/lib/room";
import { parseApiKeySecret } from "@/lib/rooms/self-api-key/signing-secret";

const OWN = "a-deployments-own-api-key-secret-0d9e8f7a";
const LIVE = {
  INTEGRY_APP_KEY: "3f6c2a1e-app-key",
  INTEGRY_APP_SECRET: "api-key-config-app-secret-2b7f1d9e0c4a",
  INTEGRY_DEPLOYMENT_ID: "1234",
  NEXTAUTH_SECRET: "n".repeat(44),
};

const finding = (env: Record<string, string>, production = true) =>
  checkEnvironment(env, { production }).find(({ name }) => name === "INTEGRY_API_KEY_SECRET");

describe("INTEGRY_API_KEY_SECRET", () => {
  it("is the secret when set, whatever else is configured", () => {
    expect(parseApiKeySecret({ ...LIVE, NODE_ENV: "production", INTEGRY_API_KEY_SECRET: OWN })).toBe(OWN);
    expect(parseApiKeySecret({ NODE_ENV: "development", INTEGRY_API_KEY_SECRET: OWN })).toBe(OWN);
  });

  it("unset, turns API keys off", () => {
    expect(parseApiKeySecret({ ...LIVE, NODE_ENV: "production" })).toBeUndefined();
    expect(parseApiKeySecret({ NODE_ENV: "production", INTEGRY_SANDBOX: "true" })).toBeUndefined();
    expect(parseApiKeySecret({ ...LIVE, NODE_ENV: "development" })).toBeUndefined();
  });

  it.skipIf(!INTEGRY_STAND_IN)(
    "unset under npm run dev beside the sandbox, is the published development secret",
    () => {
      expect(parseApiKeySecret({ NODE_ENV: "development" })).toBe(PUBLISHED_API_KEY_SECRETS.development);
    },
  );

  it.each([
    ["a short value", "s".repeat(31), "INTEGRY_API_KEY_SECRET is shorter than 32 bytes"],
    ["whitespace", `${OWN} `, "INTEGRY_API_KEY_SECRET contains whitespace"],
    ["the app secret", LIVE.INTEGRY_APP_SECRET, "INTEGRY_API_KEY_SECRET must differ from INTEGRY_APP_SECRET"],
    ["the session secret", LIVE.NEXTAUTH_SECRET, "INTEGRY_API_KEY_SECRET must differ from"],
  ])("refuses %s, naming the variable and never the value", (_, value, message) => {
    const parse = () => parseApiKeySecret({ ...LIVE, INTEGRY_API_KEY_SECRET: value });
    expect(parse).toThrow(message);
    expect(parse).not.toThrow(value.trim());
  });

  it("is reported by npm run check-env: unset is fine, a bad value is not", () => {
    expect(finding(LIVE)).toEqual({
      name: "INTEGRY_API_KEY_SECRET",
      status: "unset",
      note: "unset: the user object carries no apiKey",
    });
    const development = INTEGRY_STAND_IN ? "development" : "no apiKey";
    expect(finding({}, false)).toMatchObject({ status: "unset", note: expect.stringContaining(development) });
    expect(finding({ ...LIVE, INTEGRY_API_KEY_SECRET: OWN })).toMatchObject({ status: "ok" });
    expect(finding({ ...LIVE, INTEGRY_API_KEY_SECRET: "short" })).toMatchObject({ status: "malformed" });
    expect(finding({ ...LIVE, INTEGRY_API_KEY_SECRET: LIVE.INTEGRY_APP_SECRET })).toMatchObject({ status: "unsafe" });
  });

  it.each(Object.entries(PUBLISHED_API_KEY_SECRETS))("is unsafe as the %s value published here", (_, value) => {
    for (const production of [true, false]) {
      expect(finding({ ...LIVE, INTEGRY_API_KEY_SECRET: value }, production)).toMatchObject({
        status: "unsafe",
        note: "is published in this repository: openssl rand -base64 32",
      });
    }
  });
});

describe("INTEGRY_API_KEY_SECRET on a production server beside real Integry credentials", () => {
  const STRONG = "Vb6Nq1Xs8Pz3Lw5Tr0Mc7Kj2Hf9Gd4Ya";
  const PRODUCTION = { ...LIVE, NODE_ENV: "production", INTEGRY_API_KEY_SECRET: STRONG };
  const refusalOf = (env: Record<string, string>) => {
    try {
      parseApiKeySecret(env);
    } catch (error) {
      return (error as Error).message;
    }
  };

  it("is a strong value of its own", () => {
    expect(parseApiKeySecret(PRODUCTION)).toBe(STRONG);
  });

  it.each([...Object.values(PUBLISHED_API_KEY_SECRETS), ...Object.values(PUBLISHED_NEXTAUTH_SECRETS)])(
    "refuses the published value %s",
    (published) => {
      expect(() => parseApiKeySecret({ ...PRODUCTION, INTEGRY_API_KEY_SECRET: published })).toThrow(
        /^INTEGRY_API_KEY_SECRET is published in this repository/,
      );
    },
  );

  it.skipIf(!INTEGRY_STAND_IN)("may be a published value when INTEGRY_SANDBOX=true makes it a demo", () => {
    const env = { ...PRODUCTION, INTEGRY_SANDBOX: "true", INTEGRY_API_KEY_SECRET: PUBLISHED_API_KEY_SECRETS.test };
    expect(parseApiKeySecret(env)).toBe(PUBLISHED_API_KEY_SECRETS.test);
  });

  it.each([
    [PUBLISHED_API_KEY_SECRETS.development, "unsafe"],
    ["c".repeat(20), "malformed"],
  ])("=%s is %s for npm run check-env and the server alike", (value, status) => {
    const env = { ...PRODUCTION, INTEGRY_API_KEY_SECRET: value };
    expect(finding(env)?.status).toBe(status);
    expect(refusalOf(env)).toContain(`INTEGRY_API_KEY_SECRET ${finding(env)?.note}`);
  });
});
