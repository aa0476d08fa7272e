CREATE SEQUENCE "public"."sandbox_ids" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 5001 CACHE 1;--> statement-breakpoint
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
ALTER TABLE "sandbox_integrations" ADD CONSTRAINT "sandbox_integrations_user_id_sandbox_identities_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."sandbox_identities"("user_id") ON DELETE cascade ON UPDATE no action;