import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database: `npm run db:generate -- lib/rooms/sandbox/drizzle.config.ts` compares
// this room's tables with its last snapshot.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/rooms/sandbox/tables.ts",
  out: "./lib/rooms/sandbox/migrations",
});
