CREATE TABLE "sandbox_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"integration_id" bigint NOT NULL,
	"idempotency_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_runs_user_id_idempotency_key_unique" UNIQUE("user_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "sandbox_runs" ADD CONSTRAINT "sandbox_runs_user_id_sandbox_identities_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."sandbox_identities"("user_id") ON DELETE cascade ON UPDATE no action;