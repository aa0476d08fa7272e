import Link from "next/link";
import { redirect } from "next/navigation";

import { readSession } from "@/lib/auth";
import { parseEmbedPreferences } from "@/lib/integry/embed-options";

import { EmbedSwitcher } from "./embed-switcher";
import { IntegryEmbed } from "./integry-embed";

export default async function IntegrationsPage({ searchParams }: PageProps<"/integrations">) {
  const { session, problem } = await readSession();
  if (problem) {
    return (
      <main className="page">
        <h1>Integrations</h1>
        <p role="alert" className="error" data-testid="config-problem">
          {problem}
        </p>
      </main>
    );
  }
  if (!session) redirect("/sign-in?callbackUrl=/integrations");
  const { renderMode, theme } = parseEmbedPreferences(await searchParams);

  return (
    <main className="page wide">
      <nav className="actions" aria-label="Account">
        <Link href="/" prefetch={false}>
          ← Home
        </Link>
        <span className="muted">Signed in as {session.user.name ?? session.user.email}</span>
      </nav>
      <div className="title-row">
        <h1>Integrations</h1>
        <EmbedSwitcher renderMode={renderMode} theme={theme} />
      </div>
      <IntegryEmbed
        identityKey={`${session.user.id}:${session.user.accountId}`}
        renderMode={renderMode}
        theme={theme}
      />
    </main>
  );
}
