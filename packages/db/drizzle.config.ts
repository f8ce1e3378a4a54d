import { defineConfig } from "drizzle-kit";

// Only `generate` is used: migrations are applied by our own client factory so that
// PGlite, pg and Neon all go through the same code path.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
  casing: "snake_case",
});
