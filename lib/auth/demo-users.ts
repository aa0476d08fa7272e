/** Seeded users for the demo sign-in. Replace with your own user store. */
export interface DemoUser {
  id: string;
  name: string;
  email: string;
  accountId: string;
  accountName: string;
}

const ACME = { accountId: "7c1e7d0a-3b9f-4c36-9d6e-5a0f7c2b8e11", accountName: "Acme" };
const GLOBEX = { accountId: "d4a9b2f6-81c3-4e57-a0d2-6b3e9f1c7a42", accountName: "Globex" };

export const DEMO_USERS: readonly DemoUser[] = [
  { id: "0b6f2c6e-5d1a-4f8e-9c3b-2a7d4e8f1c01", name: "Alice", email: "alice@acme.test", ...ACME },
  { id: "5e9a1d3c-7b2f-4a6e-8d0c-3f1b9e7a2c02", name: "Bob", email: "bob@acme.test", ...ACME },
  { id: "a3c8e1f5-2d7b-4b9a-9e6f-8c0d2a4b6e03", name: "Carol", email: "carol@globex.test", ...GLOBEX },
];

export function findDemoUser(email: unknown): DemoUser | undefined {
  if (typeof email !== "string") return undefined;
  const normalized = email.trim().toLowerCase();
  return DEMO_USERS.find((user) => user.email === normalized);
}
