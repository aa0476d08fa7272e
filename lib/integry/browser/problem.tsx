/** How the page shows what went wrong with the embed: what happened, what to check, and a retry where one helps. */
export function Problem({ title, children, retry }: { title: string; children: React.ReactNode; retry?: () => void }) {
  return (
    <div role="alert" className="panel error-panel" data-testid="embed-error">
      <h2>{title}</h2>
      {children}
      {retry ? (
        <button type="button" className="button secondary" onClick={retry}>
          Retry
        </button>
      ) : null}
    </div>
  );
}
