import { fileURLToPath } from "node:url";

import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": fileURLToPath(new URL(".", import.meta.url)) } },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/across-rooms/**/*.test.ts", "lib/**/*.test.ts"],
    setupFiles: ["tests/unit/setup.ts"],
    globalSetup: ["tests/support/postgres-setup.ts"],
  },
});
