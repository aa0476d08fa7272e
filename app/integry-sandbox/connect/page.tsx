import { notFound } from "next/navigation";

import { getIntegryConfig } from "@/lib/integry/server/config";
import { findSandboxApp } from "@/lib/rooms/sandbox/app-connections";
import { SandboxConnectForm } from "@/lib/rooms/sandbox/connect-form";
import { SANDBOX_BASE_PATH } from "@/lib/rooms/sandbox/public";

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : "");

/**
 * The sandbox's stand-in for Integry's authorisation page, which the SDK opens as a popup at an app's `login_url`.
 * It checks nothing itself: the account is connected by the sandbox's endpoint, which checks the hash.
 */
export default async function SandboxConnectPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const sandboxOn = (() => {
    try {
      return getIntegryConfig().sandbox;
    } catch {
      return false;
    }
  })();
  const query = await searchParams;
  const app = findSandboxApp(one(query.app));
  if (!sandboxOn || !app) notFound();
  const credentials = { app_key: one(query.app_key), user_id: one(query.user_id), hash: one(query.hash) };
  const connectUrl = `${SANDBOX_BASE_PATH}/apps/${one(query.app)}/connect/?${new URLSearchParams(credentials)}`;
  return (
    <main className="page">
      <h1>Connect {app.name}</h1>
      <p className="muted">
        The offline sandbox stands in for {app.name}&apos;s sign-in page. Nothing leaves this app: name the account and
        allow access.
      </p>
      <SandboxConnectForm appTitle={app.name} connectUrl={connectUrl} />
    </main>
  );
}
