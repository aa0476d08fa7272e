import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database: `npm run db:generate -- lib/rooms/agent-tools/drizzle.config.ts` compares
// this room's tables with its last snapshot.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/rooms/agent-tools/tables.ts",
  out: "./lib/rooms/agent-tools/migrations",
});
