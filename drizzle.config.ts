import { defineConfig } from "drizzle-kit";

// Generating migrations needs no database: `npm run db:generate` compares the schema with the last snapshot.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema.ts",
  out: "./lib/db/migrations",
});
