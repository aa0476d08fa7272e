"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

/** The sample app's own event: a new lead, sent to every active flow with a webhook trigger. */
export function LeadForm() {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function submitLead(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const fields = new FormData(form);
    const response = await fetch("/api/leads", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(Object.fromEntries(fields)),
    });
    const answer = (await response.json().catch(() => null)) as {
      deliveries?: number;
      error?: { message: string };
    } | null;
    setMessage(
      response.ok
        ? { ok: true, text: `Lead “${fields.get("name")}” created: ${answer?.deliveries ?? 0} flow(s) to run.` }
        : { ok: false, text: answer?.error?.message ?? `The server answered ${response.status}.` },
    );
    // Only once it is recorded: a refused lead stays in the form, to correct and send again.
    if (response.ok) form.reset();
    // Shows the lead's deliveries; the panel then refreshes itself until they are sent.
    router.refresh();
  }

  return (
    <form onSubmit={(event) => void submitLead(event)} className="lead-form" data-testid="lead-form">
      <input name="name" aria-label="Lead's name" placeholder="Name" required maxLength={100} />
      <input name="email" aria-label="Lead's email" placeholder="Email" type="email" required maxLength={200} />
      <input name="company" aria-label="Lead's company" placeholder="Company" maxLength={100} />
      <button type="submit" className="button">
        New lead
      </button>
      {message ? (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? "muted" : "error"} data-testid="lead-result">
          {message.text}
        </p>
      ) : null}
    </form>
  );
}
