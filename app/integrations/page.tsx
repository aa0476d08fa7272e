import Link from "next/link";
import { redirect } from "next/navigation";

import { getSession } from "@/lib/auth";

import { IntegryEmbed } from "./integry-embed";

export default async function IntegrationsPage() {
  const session = await getSession();
  if (!session) redirect("/sign-in?callbackUrl=/integrations");

  return (
    <main className="page wide">
      <nav className="actions">
        <Link href="/">← Home</Link>
        <span className="muted">Signed in as {session.user.name ?? session.user.email}</span>
      </nav>
      <h1>Integrations</h1>
      <IntegryEmbed identityKey={`${session.user.id}:${session.user.accountId}`} />
    </main>
  );
}
