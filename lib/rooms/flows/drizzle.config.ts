import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database: `npm run db:generate -- lib/rooms/flows/drizzle.config.ts` compares
// this room's tables with its last snapshot.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/rooms/flows/tables.ts",
  out: "./lib/rooms/flows/migrations",
});
