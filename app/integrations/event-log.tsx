export interface EmbedEvent {
  id: number;
  name: string;
  detail: string;
  at: number;
}

export function EventLog({ events }: { events: EmbedEvent[] }) {
  return (
    <section className="event-log" aria-labelledby="event-log-title">
      <h2 id="event-log-title">SDK events</h2>
      {events.length === 0 ? <p className="muted">No events yet.</p> : null}
      <ol data-testid="event-log">
        {events.map((event) => (
          <li key={event.id} data-testid={`event-${event.name}`}>
            <code>{event.name}</code>
            <span className="muted"> {(event.at / 1000).toFixed(2)} s</span>
            {event.detail ? <div className="event-detail">{event.detail}</div> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function summarizePayload(payload: unknown): string {
  if (typeof payload !== "object" || payload === null) return payload === undefined ? "" : JSON.stringify(payload);
  const parts = Object.entries(payload).map(([key, value]) => {
    if (Array.isArray(value)) return `${key}: ${value.length} items`;
    if (typeof value === "object" && value !== null) return `${key}: {…}`;
    return `${key}: ${JSON.stringify(value)}`;
  });
  const line = parts.join(", ");
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
