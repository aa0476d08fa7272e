import "server-only";

import { isDemoLoginEnabled } from "@/lib/auth";
import { DEMO_USERS } from "@/lib/demo-users";

import { SignInButtons } from "./sign-in-buttons";

/** Only same-site paths: next-auth would refuse others, but a clear default is kinder. */
function safeCallbackUrl(value: string | string[] | undefined): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/integrations";
}

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const { callbackUrl, error } = await searchParams;
  const demoUsers = isDemoLoginEnabled()
    ? DEMO_USERS.map(({ name, email, accountName }) => ({ name, email, accountName }))
    : [];

  return (
    <main className="page">
      <h1>Sign in</h1>
      {error ? (
        <p role="alert" className="error">
          Sign-in failed. Try again.
        </p>
      ) : null}
      <SignInButtons
        callbackUrl={safeCallbackUrl(callbackUrl)}
        gitHub={Boolean(process.env.GITHUB_ID && process.env.GITHUB_SECRET)}
        demoUsers={demoUsers}
      />
      {demoUsers.length === 0 && !process.env.GITHUB_ID ? (
        <p className="muted">
          No sign-in method is configured: set GITHUB_ID and GITHUB_SECRET, or AUTH_DEMO_LOGIN=true outside production.
        </p>
      ) : null}
    </main>
  );
}
