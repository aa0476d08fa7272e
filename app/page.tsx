import Link from "next/link";

import { readSession } from "@/lib/auth/session";

import { PrefetchIntegrySdk } from "./prefetch-integry-sdk";
import { SignOutButton } from "./sign-out-button";

export default async function HomePage() {
  const { user, problem } = await readSession();

  return (
    <main className="page">
      <h1>Integry Next.js starter</h1>
      <p className="lead">
        Your users browse and set up integrations from the Integry marketplace inside your app. The hash that
        authenticates the embed is computed on the server, for the signed-in user only: the app secret never reaches the
        browser.
      </p>
      {problem ? (
        <p role="alert" className="error" data-testid="config-problem">
          {problem}
        </p>
      ) : null}
      {user ? (
        <div className="actions">
          <p data-testid="signed-in-as">
            Signed in as <strong>{user.name ?? user.email}</strong>
          </p>
          <Link className="button" href="/integrations">
            Open integrations
          </Link>
          <SignOutButton />
          <PrefetchIntegrySdk />
        </div>
      ) : (
        <div className="actions">
          <Link className="button" href="/sign-in">
            Sign in
          </Link>
        </div>
      )}
    </main>
  );
}
