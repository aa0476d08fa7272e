import { describe, expect, it } from "vitest";

import { CALLS_KEPT_PER_USER, recentCalls, recordCall } from "@/lib/rooms/agent-tools/calls";
import { agentCalls } from "@/lib/rooms/agent-tools/tables";
import { createToken, revokeToken } from "@/lib/rooms/agent-tools/tokens";
import { databasesForThisFile } from "@/tests/support/databases";

const backends = databasesForThisFile(["agent_tokens", "agent_calls"]);
const ALICE = { id: "user-alice", accountId: "account-acme" };
const BOB = { id: "user-bob", accountId: "account-acme" };
const T0 = new Date("2026-12-03T09:00:00Z");

for (const backend of backends) {
  describe.skipIf(backend.skip)(`on ${backend.name}`, () => {
    it("shows each user the calls made with their own tokens, newest first, with the token's name even once revoked", async () => {
      const db = await backend.open();
      const claude = await createToken(db, ALICE, "1", "Claude Code", T0);
      const bobs = await createToken(db, BOB, "1", "Bob's agent", T0);
      await recordCall(db, { userId: ALICE.id, tokenId: claude.id, tool: "slack-post-message", outcome: "ok" }, T0);
      await recordCall(db, { userId: BOB.id, tokenId: bobs.id, tool: "slack-list-conversations", outcome: "ok" }, T0);
      await recordCall(
        db,
        { userId: ALICE.id, tokenId: claude.id, tool: "mailchimp-add-subscriber", outcome: "not_connected" },
        T0,
      );
      await revokeToken(db, ALICE, claude.id, T0);

      expect(await recentCalls(db, ALICE)).toEqual([
        expect.objectContaining({
          tool: "mailchimp-add-subscriber",
          outcome: "not_connected",
          tokenName: "Claude Code",
        }),
        expect.objectContaining({ tool: "slack-post-message", outcome: "ok", tokenName: "Claude Code", calledAt: T0 }),
      ]);
      expect((await recentCalls(db, BOB)).map(({ tool }) => tool)).toEqual(["slack-list-conversations"]);
    });

    it(`keeps only a user's newest ${CALLS_KEPT_PER_USER} calls, whatever other users' calls come in between`, async () => {
      const db = await backend.open();
      const alices = await createToken(db, ALICE, "1", "Alice's agent", T0);
      const bobs = await createToken(db, BOB, "1", "Bob's agent", T0);
      for (let index = 0; index < CALLS_KEPT_PER_USER + 30; index++) {
        await recordCall(db, { userId: ALICE.id, tokenId: alices.id, tool: `tool-${index}`, outcome: "ok" }, T0);
        if (index % 3 === 0) {
          await recordCall(db, { userId: BOB.id, tokenId: bobs.id, tool: `bob-${index}`, outcome: "ok" }, T0);
        }
      }
      const kept = await db.select({ userId: agentCalls.userId, tool: agentCalls.tool }).from(agentCalls);
      const alicesKept = kept.filter(({ userId }) => userId === ALICE.id).map(({ tool }) => tool);
      expect(alicesKept).toHaveLength(CALLS_KEPT_PER_USER);
      expect(alicesKept).toContain(`tool-${CALLS_KEPT_PER_USER + 29}`);
      expect(alicesKept).toContain("tool-30");
      expect(alicesKept).not.toContain("tool-29");
      expect(kept.filter(({ userId }) => userId === BOB.id)).toHaveLength(44);
      expect((await recentCalls(db, ALICE, 3)).map(({ tool }) => tool)).toEqual(["tool-129", "tool-128", "tool-127"]);
    });
  });
}
