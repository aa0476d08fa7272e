import { spawnSync } from "node:child_process";

import { describe, expect, it } from "vitest";

import { PUBLISHED_NEXTAUTH_SECRETS } from "@/lib/auth/published-secrets";
import { CORE_ENV } from "@/lib/env";
import { ADOPTER_VARIABLES, checkEnvironment, type EnvFinding } from "@/lib/env-check";
import { INTEGRY_STAND_IN } from "@/lib/room";

const statusOf = (findings: EnvFinding[]) => Object.fromEntries(findings.map(({ name, status }) => [name, status]));

const LIVE = {
  INTEGRY_APP_KEY: "3f6c2a1e-app-key",
  INTEGRY_APP_SECRET: "check-env-marker-secret-2b7f1d9e",
  INTEGRY_DEPLOYMENT_ID: "1234",
  NEXTAUTH_SECRET: "n".repeat(44),
};

describe("checkEnvironment", () => {
  it.skipIf(!INTEGRY_STAND_IN)("finds nothing to fix in a fresh clone for development, beside the sandbox", () => {
    const findings = checkEnvironment({}, { production: false });
    expect(findings.filter(({ status }) => status !== "unset")).toEqual([]);
  });

  it("passes a complete production environment", () => {
    expect(Object.values(statusOf(checkEnvironment(LIVE, { production: true })))).not.toContain("missing");
    expect(statusOf(checkEnvironment(LIVE, { production: true }))).toMatchObject({
      INTEGRY_APP_KEY: "ok",
      INTEGRY_APP_SECRET: "ok",
      INTEGRY_DEPLOYMENT_ID: "ok",
      NEXTAUTH_SECRET: "ok",
      AUTH_DEMO_LOGIN: "unset",
    });
  });

  it("reports each problem on its own variable", () => {
    const env = {
      INTEGRY_APP_KEY: "3f6c2a1e-app-key",
      INTEGRY_APP_SECRET: "<your app secret>",
      INTEGRY_DEPLOYMENT_ID: "12ab",
      INTEGRY_SCOPE: "team",
      NEXTAUTH_SECRET: "too-short",
      NEXTAUTH_URL: "not a url",
      AUTH_DEMO_LOGIN: "true",
      GITHUB_ID: "Iv1.abc",
      DATABASE_URL: "mysql://app:hunter2@db.example/app",
    };
    // The core's variables, each with its finding; each room's own are checked in its tests.
    const core = statusOf(
      checkEnvironment(env, { production: true }).filter(({ name }) => Object.hasOwn(CORE_ENV, name)),
    );
    expect(core).toEqual({
      INTEGRY_APP_KEY: "ok",
      INTEGRY_APP_SECRET: "placeholder",
      INTEGRY_DEPLOYMENT_ID: "malformed",
      INTEGRY_SCOPE: "malformed",
      INTEGRY_SANDBOX: "unset",
      CRON_SECRET: "unset",
      PGLITE_DATA_DIR: "unset",
      NEXTAUTH_SECRET: "malformed",
      NEXTAUTH_URL: "malformed",
      AUTH_TRUST_HOST: "unset",
      AUTH_DEMO_LOGIN: "unsafe",
      AUTH_REVOKED_IDS: "unset",
      DATABASE_URL: "malformed",
      GITHUB_ID: "ok",
      GITHUB_SECRET: "missing",
      INTEGRY_API_BASE_URL: "unset",
    });
    expect(JSON.stringify(checkEnvironment(env, { production: true }))).not.toContain("hunter2");
  });

  it("never shows a value, whatever the variable and its status", () => {
    const env = Object.fromEntries(ADOPTER_VARIABLES.map((name) => [name, `marker-${name}`]));
    const findings = checkEnvironment(env, { production: true });
    expect(JSON.stringify(findings)).not.toContain("marker-");
    expect(findings.find(({ name }) => name === "INTEGRY_DEPLOYMENT_ID")).toEqual({
      name: "INTEGRY_DEPLOYMENT_ID",
      status: "malformed",
      note: "is malformed: expected a number",
    });
  });

  it.each(Object.entries(PUBLISHED_NEXTAUTH_SECRETS))(
    "refuses the %s NEXTAUTH_SECRET published in this repository",
    (_, secret) => {
      expect(statusOf(checkEnvironment({ ...LIVE, NEXTAUTH_SECRET: secret }, { production: true }))).toMatchObject({
        NEXTAUTH_SECRET: "unsafe",
      });
      expect(statusOf(checkEnvironment({ ...LIVE, NEXTAUTH_SECRET: secret }, { production: false }))).toMatchObject({
        NEXTAUTH_SECRET: "unsafe",
      });
    },
  );

  it("asks npm run dev for a NEXTAUTH_SECRET once real credentials are set", () => {
    expect(statusOf(checkEnvironment({ ...LIVE, NEXTAUTH_SECRET: "" }, { production: false }))).toMatchObject({
      NEXTAUTH_SECRET: "missing",
    });
  });

  it("asks a deployment for its Integry credentials and no sandbox", () => {
    const findings = statusOf(checkEnvironment({ INTEGRY_SANDBOX: "true" }, { production: true }));
    expect(findings).toMatchObject({ INTEGRY_APP_KEY: "missing", INTEGRY_SANDBOX: "unsafe" });
  });
});

describe("npm run check-env", () => {
  const run = (env: Record<string, string>, ...args: string[]) =>
    spawnSync("npx", ["tsx", "--conditions=react-server", "scripts/check-env.ts", ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: "test", ...env },
      encoding: "utf8",
      timeout: 30_000,
    });

  it("says what is wrong, exits 1, and never prints a secret's value", () => {
    const result = run(
      {
        ...LIVE,
        INTEGRY_APP_SECRET: "check-env-marker-secret-2b7f1d9e with a space",
        NEXTAUTH_SECRET: "short-marker-value",
        GITHUB_ID: "Iv1.check-env-github-id",
        GITHUB_SECRET: "github-marker-value",
        DATABASE_URL: "postgres://app:database-marker-value@db.example/app",
      },
      "--production",
    );
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/malformed\s+INTEGRY_APP_SECRET\s+is malformed: expected no spaces\n/);
    expect(result.stdout).toMatch(/malformed\s+NEXTAUTH_SECRET/);
    expect(result.stdout).toMatch(/ok\s+GITHUB_ID\s+set\n/);
    expect(result.stdout).toMatch(/ok\s+DATABASE_URL\s+set\n/);
    const markers = [
      "check-env-marker-secret",
      "short-marker-value",
      "github-id",
      "github-marker-value",
      "database-marker",
    ];
    for (const marker of markers) {
      expect(result.stdout + result.stderr).not.toContain(marker);
    }
  });

  it("exits 0 when everything is in order", () => {
    const result = run(LIVE, "--production");
    expect(result.stdout).toContain("All good.");
    expect(result.status).toBe(0);
  });
}, 60_000);
