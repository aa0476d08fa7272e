import Link from "next/link";
import { redirect } from "next/navigation";

import { getSessionForPage } from "@/lib/auth/session";
import { parseEmbedPreferences } from "@/lib/integry/shared/embed-options";
import { ROOMS } from "@/lib/room";

import { EmbedSwitcher } from "./embed-switcher";
import { IntegryEmbed } from "./integry-embed";

export default async function IntegrationsPage({ searchParams }: PageProps<"/integrations">) {
  const { user, problem } = await getSessionForPage();
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
  if (!user) redirect("/sign-in?callbackUrl=/integrations");
  const { view, renderMode, theme } = parseEmbedPreferences(await searchParams);
  // Each installed room's part of the page (lib/rooms.ts), in its order there.
  const [notices, panels] = await Promise.all([
    Promise.all(ROOMS.flatMap((room) => room.notice?.() ?? [])),
    Promise.all(ROOMS.flatMap((room) => room.panel?.() ?? [])),
  ]);

  return (
    <main className="page wide" data-theme={theme === "system" ? undefined : theme}>
      <nav className="actions" aria-label="Account">
        <Link href="/" prefetch={false}>
          ← Home
        </Link>
        <span className="muted">Signed in as {user.name ?? user.email}</span>
      </nav>
      <div className="title-row">
        <h1>Integrations</h1>
        <EmbedSwitcher view={view} renderMode={renderMode} theme={theme} />
      </div>
      {notices.map((Notice, index) => (
        <Notice key={index} />
      ))}
      <IntegryEmbed identityKey={`${user.id}:${user.accountId}`} view={view} renderMode={renderMode} />
      {panels.map((Panel, index) => (
        <Panel key={index} user={user} />
      ))}
    </main>
  );
}
