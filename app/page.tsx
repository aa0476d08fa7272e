import Link from "next/link";

import { getSessionForPage } from "@/lib/auth/session";
import { getIntegryConfig } from "@/lib/integry/server/config";
import { AppError } from "@/lib/errors";
import { resolveIntegryIdentity } from "@/lib/integry/server/params";

import { PrefetchIntegrySdk } from "./prefetch-integry-sdk";
import { signOut } from "./sign-out";

const DOCS = "https://github.com/your-org/integry-next-starter#";

function integryIdentity(user: NonNullable<Awaited<ReturnType<typeof getSessionForPage>>["user"]>) {
  try {
    const { scope, sandbox } = getIntegryConfig();
    return { scope, sandbox, id: resolveIntegryIdentity(user, scope), problem: null };
  } catch (error) {
    if (error instanceof AppError) return { problem: error.message };
    throw error;
  }
}

export default async function HomePage() {
  const { user, problem } = await getSessionForPage();
  const identity = user ? integryIdentity(user) : null;

  return (
    <main className="page">
      <h1>Integry Next.js starter</h1>
      <p className="lead">
        Your users browse and set up integrations from the Integry marketplace inside your app. The hash that
        authenticates them is computed on the server, for the signed-in user only: the app secret never reaches the
        browser.
      </p>
      {problem || identity?.problem ? (
        <p role="alert" className="error" data-testid="config-problem">
          {problem ?? identity?.problem}
        </p>
      ) : null}
      {user ? (
        <>
          <p data-testid="signed-in-as">
            Signed in as <strong>{user.name ?? user.email}</strong>
          </p>
          <dl className="panel facts" data-testid="identity">
            {identity && "id" in identity ? (
              <>
                <dt>Integry scope</dt>
                <dd>
                  {identity.scope === "account"
                    ? "account: every user of your account shares its integrations"
                    : "user: your integrations are yours alone"}
                </dd>
                <dt>ID Integry sees</dt>
                <dd>
                  <code data-testid="integry-id">{identity.id}</code>
                </dd>
                <dt>Integry</dt>
                <dd>{identity.sandbox ? "the offline sandbox in this app" : "your deployment at Integry"}</dd>
              </>
            ) : null}
          </dl>
          <form action={signOut} className="actions">
            <Link className="button" href="/integrations">
              Open integrations
            </Link>
            <button type="submit" className="button secondary">
              Sign out
            </button>
          </form>
          <PrefetchIntegrySdk />
        </>
      ) : (
        <div className="actions">
          <Link className="button" href="/sign-in">
            Sign in
          </Link>
        </div>
      )}
      <h2>Make it yours</h2>
      <ul className="links">
        <li>
          <a href={`${DOCS}plug-in-your-own-users-and-accounts`}>Plug in your own users and accounts</a>
        </li>
        <li>
          <a href={`${DOCS}customise-the-embed`}>Customise the embed</a>
        </li>
        <li>
          <a href={`${DOCS}go-live`}>Go live: Vercel, Docker, behind a proxy</a>
        </li>
        <li>
          <a href={`${DOCS}how-it-works`}>How it works: the hash in the browser and on your server</a>
        </li>
      </ul>
    </main>
  );
}
