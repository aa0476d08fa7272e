import Link from "next/link";
import { redirect } from "next/navigation";

import { getSessionForPage } from "@/lib/auth/session";
import { parseEmbedPreferences } from "@/lib/integry/shared/embed-options";
import { ConnectedAppsPanel } from "@/lib/optional/connected-apps/panel";
import { FlowDeliveryPanel } from "@/lib/optional/flow-delivery/panel";

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
  const { renderMode, theme } = parseEmbedPreferences(await searchParams);

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
        <EmbedSwitcher renderMode={renderMode} theme={theme} />
      </div>
      <IntegryEmbed identityKey={`${user.id}:${user.accountId}`} renderMode={renderMode} />
      <ConnectedAppsPanel user={user} />
      <FlowDeliveryPanel user={user} />
    </main>
  );
}
