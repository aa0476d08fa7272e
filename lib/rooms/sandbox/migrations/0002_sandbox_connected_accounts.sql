CREATE TABLE "sandbox_connected_accounts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sandbox_connected_accounts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000000 CACHE 1),
	"user_id" text NOT NULL,
	"app_name" text NOT NULL,
	"display_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sandbox_connected_accounts" ADD CONSTRAINT "sandbox_connected_accounts_user_id_sandbox_identities_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."sandbox_identities"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sandbox_connected_accounts_user_id_id_idx" ON "sandbox_connected_accounts" USING btree ("user_id","id");