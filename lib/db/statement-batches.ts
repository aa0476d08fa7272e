import "server-only";

import type { Database } from "@/lib/db/client";

interface Waiting<T, R> {
  item: T;
  settle: (result: R) => void;
  fail: (error: unknown) => void;
}

/**
 * Writes `item`s in shared statements: the first waits for nobody; those that arrive while a statement is in flight
 * go together in the next, at most `mostPerStatement` (for the database they go to) to one. Under load, many
 * requests' rows cost the database one statement's overhead (round trip, plan, commit) instead of one each. `write`
 * answers one result per item, in order; a `write` that throws fails each item of its batch.
 */
export function inStatementBatches<T, R>(
  write: (db: Database, items: T[]) => Promise<R[]>,
  mostPerStatement: number | ((db: Database) => number),
): (db: Database, item: T) => Promise<R> {
  const most = typeof mostPerStatement === "number" ? () => mostPerStatement : mostPerStatement;
  // Per database: tests open several, and a batch's rows all go to one.
  const queues = new WeakMap<Database, { waiting: Waiting<T, R>[]; writing: boolean }>();

  async function writeWhileWaiting(db: Database, queue: { waiting: Waiting<T, R>[]; writing: boolean }) {
    queue.writing = true;
    try {
      while (queue.waiting.length > 0) {
        const batch = queue.waiting.splice(0, most(db));
        try {
          const results = await write(
            db,
            batch.map(({ item }) => item),
          );
          batch.forEach(({ settle }, index) => settle(results[index]!));
        } catch (error) {
          for (const { fail } of batch) fail(error);
        }
      }
    } finally {
      queue.writing = false;
    }
  }

  return (db, item) => {
    let queue = queues.get(db);
    if (!queue) queues.set(db, (queue = { waiting: [], writing: false }));
    const written = new Promise<R>((settle, fail) => queue.waiting.push({ item, settle, fail }));
    if (!queue.writing) void writeWhileWaiting(db, queue);
    return written;
  };
}
