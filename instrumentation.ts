// Starts opening the app's database as the server starts, without holding the server for it: a request that needs
// no database (the params route) never waits, and the first one that does finds it open or nearly so. PGlite's
// first open (initdb and the migrations, seconds on a new folder) yields to the event loop as it goes.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") void (await import("@/lib/db/client")).openAppDatabaseEarly();
}
