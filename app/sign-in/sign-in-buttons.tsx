"use client";

import { signIn } from "next-auth/react";

interface DemoUserChoice {
  name: string;
  email: string;
  accountName: string;
}

export function SignInButtons(props: { callbackUrl: string; gitHub: boolean; demoUsers: DemoUserChoice[] }) {
  const { callbackUrl, gitHub, demoUsers } = props;
  return (
    <div className="stack">
      {gitHub ? (
        <button type="button" className="button" onClick={() => signIn("github", { callbackUrl })}>
          Sign in with GitHub
        </button>
      ) : null}
      {demoUsers.length > 0 ? (
        <section aria-labelledby="demo-users-title" className="stack">
          <h2 id="demo-users-title">Demo users</h2>
          <p className="muted">Demo sign-in is on: anyone can sign in as these users. Turn it off before going live.</p>
          {demoUsers.map((user) => (
            <button
              key={user.email}
              type="button"
              className="button secondary"
              onClick={() => signIn("demo", { email: user.email, callbackUrl })}
            >
              {user.name}{" "}
              <span className="muted">
                · {user.email} · {user.accountName}
              </span>
            </button>
          ))}
        </section>
      ) : null}
    </div>
  );
}
