import { vi } from "vitest";

// `server-only` throws outside a React Server bundle; the unit tests are server code.
vi.mock("server-only", () => ({}));
