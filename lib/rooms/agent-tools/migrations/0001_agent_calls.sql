CREATE TABLE "agent_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"token_id" bigint NOT NULL,
	"tool" text NOT NULL,
	"outcome" text NOT NULL,
	"called_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "agent_calls_user_idx" ON "agent_calls" USING btree ("user_id","id");