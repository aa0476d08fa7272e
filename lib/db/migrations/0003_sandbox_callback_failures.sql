CREATE TABLE "sandbox_callback_failures" (
	"user_id" text NOT NULL,
	"integration_id" bigint NOT NULL,
	"remaining" integer NOT NULL,
	"failure" text NOT NULL,
	CONSTRAINT "sandbox_callback_failures_user_id_integration_id_pk" PRIMARY KEY("user_id","integration_id")
);
--> statement-breakpoint
ALTER TABLE "sandbox_callback_failures" ADD CONSTRAINT "sandbox_callback_failures_integration_fk" FOREIGN KEY ("user_id","integration_id") REFERENCES "public"."sandbox_integrations"("user_id","id") ON DELETE cascade ON UPDATE no action;