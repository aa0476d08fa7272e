CREATE TABLE "app_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"identity" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"identity" text NOT NULL,
	"integration_id" bigint NOT NULL,
	"callback_url" text NOT NULL,
	"idempotency_key" text DEFAULT gen_random_uuid()::text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_http_status" integer,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_idempotency_key_unique" UNIQUE("idempotency_key")
);
--> statement-breakpoint
CREATE TABLE "flow_integrations" (
	"identity" text NOT NULL,
	"integration_id" bigint NOT NULL,
	"flow_name" text NOT NULL,
	"callback_url" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "flow_integrations_identity_integration_id_pk" PRIMARY KEY("identity","integration_id")
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_event_id_app_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."app_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "deliveries_identity_idx" ON "deliveries" USING btree ("identity","id");