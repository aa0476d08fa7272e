// What Integry's REST lists (apps, functions) share: a `_cursor` to page on, and `connected_only`.

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

function decodeCursor(cursor: string | null): number | undefined {
  if (!cursor) return 0;
  const match = /^offset:(\d{1,6})$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
  return match ? Number(match[1]) : undefined;
}

/** The page a `_cursor` asks for (a URL's, or the cursor itself), and the next page's; undefined for a cursor never handed out. */
export function restPage<T>(items: readonly T[], cursor: URL | string | null, pageSize: number) {
  const offset = decodeCursor(cursor instanceof URL ? cursor.searchParams.get("_cursor") : cursor);
  if (offset === undefined) return undefined;
  const next = offset + Math.max(1, pageSize);
  return { items: items.slice(offset, next), nextCursor: next < items.length ? encodeCursor(next) : undefined };
}

export function asksConnectedOnly(url: URL): boolean {
  return ["true", "1"].includes(url.searchParams.get("connected_only")?.toLowerCase() ?? "");
}
