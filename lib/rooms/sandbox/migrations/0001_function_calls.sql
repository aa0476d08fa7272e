CREATE TABLE "sandbox_function_calls" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"function_name" text NOT NULL,
	"arguments" jsonb NOT NULL,
	"connected_account_id" bigint,
	"status" integer NOT NULL,
	"response" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_function_calls" ADD CONSTRAINT "sandbox_function_calls_user_id_sandbox_identities_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."sandbox_identities"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_function_calls_user_id_id_idx" ON "sandbox_function_calls" USING btree ("user_id","id");