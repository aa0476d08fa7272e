import "server-only";

import { safeCallbackPath } from "@/lib/auth/safe-redirect";
import { DEMO_USERS } from "@/lib/auth/demo-users";
import { getAuthSettings } from "@/lib/auth/settings";

import { SignInButtons } from "./sign-in-buttons";

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackUrl, error } = await searchParams;
  const { demoLogin, gitHub } = getAuthSettings();
  const demoUsers = demoLogin ? DEMO_USERS.map(({ name, email, accountName }) => ({ name, email, accountName })) : [];

  return (
    <main className="page">
      <h1>Sign in</h1>
      {error ? (
        <p role="alert" className="error">
          Sign-in failed. Try again.
        </p>
      ) : null}
      <SignInButtons callbackUrl={safeCallbackPath(callbackUrl)} gitHub={Boolean(gitHub)} demoUsers={demoUsers} />
      {demoUsers.length === 0 && !gitHub ? (
        <p className="muted">
          No sign-in method is configured: set GITHUB_ID and GITHUB_SECRET, or AUTH_DEMO_LOGIN=true.
        </p>
      ) : null}
    </main>
  );
}
