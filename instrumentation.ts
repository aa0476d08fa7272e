// Opens the app's database before the server takes its first request: PGlite's first open (initdb and the
// migrations, in WebAssembly on the server's one thread) holds the process for seconds, which would stall
// the first page's embed. Next awaits this before serving.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("@/lib/db/client")).openAppDatabaseEarly();
}
