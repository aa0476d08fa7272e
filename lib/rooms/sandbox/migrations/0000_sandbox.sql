CREATE SEQUENCE "public"."sandbox_ids" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 5001 CACHE 1;--> statement-breakpoint
CREATE TABLE "sandbox_callback_failures" (
	"user_id" text NOT NULL,
	"integration_id" bigint NOT NULL,
	"remaining" integer NOT NULL,
	"failure" text NOT NULL,
	CONSTRAINT "sandbox_callback_failures_user_id_integration_id_pk" PRIMARY KEY("user_id","integration_id")
);
--> statement-breakpoint
CREATE TABLE "sandbox_identities" (
	"user_id" text PRIMARY KEY NOT NULL,
	"touched_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sandbox_integrations" (
	"user_id" text NOT NULL,
	"id" bigint NOT NULL,
	"flow_id" integer NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sandbox_integrations_user_id_id_pk" PRIMARY KEY("user_id","id")
);
--> statement-breakpoint
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
ALTER TABLE "sandbox_callback_failures" ADD CONSTRAINT "sandbox_callback_failures_integration_fk" FOREIGN KEY ("user_id","integration_id") REFERENCES "public"."sandbox_integrations"("user_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_integrations" ADD CONSTRAINT "sandbox_integrations_user_id_sandbox_identities_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."sandbox_identities"("user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sandbox_runs" ADD CONSTRAINT "sandbox_runs_user_id_sandbox_identities_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."sandbox_identities"("user_id") ON DELETE cascade ON UPDATE no action;