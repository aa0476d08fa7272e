import type { ComponentType } from "react";

import type { SessionUser } from "@/lib/auth/session-user";
import { CORE_ENV, type Env, type EnvFragment } from "@/lib/env";
import type { EnvRule, EnvCheckContext } from "@/lib/env-check";
import type { IntegryConfig } from "@/lib/integry/server/config";
import * as installed from "@/lib/rooms";

/**
 * A room: one optional capability that owns its routes, UI, tables, settings, tests and docs page, and meets the
 * core only here. Everything heavy is loaded on first use, so a route that needs no room loads none.
 */
export interface Room {
  /** What `npm run remove-room` calls it: its folder under lib/rooms/. */
  name: string;
  /** Its folders under app/: the routes and pages it serves, removed with it. */
  routes?: readonly string[];
  /** Its variables: a fragment of the one env schema, read through lib/env.ts like every other. */
  env?: EnvFragment;
  /** What `npm run check-env` says of each of its variables. */
  envRules?: (env: Env, context: EnvCheckContext) => Record<string, EnvRule>;
  /** Its tables: a migrations folder (from the project root) and the table that records which of them ran. */
  migrations?: { folder: string; table: string };
  /** An offline stand-in for Integry, used when INTEGRY_SANDBOX is on: the sandbox. */
  standIn?: IntegryStandIn;
  /** Adds to the SDK's `user` object, after the core's variables and before `userId`, which it cannot replace. */
  userVariables?: () => Promise<UserVariables>;
  /** On /integrations: a short status above the embed (a client component, given nothing), a panel below it. */
  notice?: () => Promise<ComponentType>;
  panel?: () => Promise<ComponentType<{ user: SessionUser }>>;
  /** Work that GET /api/cron runs on a schedule (vercel.json); what it did, as counts. */
  cron?: () => Promise<() => Promise<Record<string, number>>>;
}

export type UserVariables = (
  identity: string,
  user: SessionUser,
  config: IntegryConfig,
) => Promise<Record<string, string>>;

export interface IntegryStandIn {
  /** Never valid at Integry: a stand-in never signs with INTEGRY_APP_SECRET. */
  credentials(env: Env): { appKey: string; appSecret: string; deploymentId: string };
  /** Where the browser SDK finds it, on this app's own origin. */
  sdkBaseUrl: string;
  /** Where the browser SDK's apps view finds its REST API (`/apps/list/`), on this app's own origin. */
  sdkApiBaseUrl: string;
  /** Its answers to the server's own calls, in this process: loaded only while it is on. */
  connect(): Promise<StandInConnection>;
}

export interface StandInConnection {
  /** The `{ baseUrl, fetch }` a REST client takes. */
  restApi(config: IntegryConfig): { baseUrl: string; fetch: typeof fetch };
  /** The host of its flows' callback URLs, a fetch answering them, and where an identity's runs are listed. */
  callbacks(config: IntegryConfig): {
    host: string;
    fetch: typeof fetch;
    runsUrl(credentials: { appKey: string; userId: string; hash: string }): string;
  };
}

/** The installed rooms, in lib/rooms.ts's order of names. */
export const ROOMS: readonly Room[] = Object.values(installed);

/** The room that stands in for Integry offline, if one is installed. */
export const INTEGRY_STAND_IN: IntegryStandIn | undefined = ROOMS.find((room) => room.standIn)?.standIn;

/** The one env schema: the core's variables and each installed room's, every name declared once. */
export const ENV_SCHEMA: EnvFragment = Object.assign({}, CORE_ENV, ...ROOMS.map((room) => room.env ?? {}));
