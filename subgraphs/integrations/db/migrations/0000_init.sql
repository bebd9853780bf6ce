CREATE SCHEMA "integrations";
--> statement-breakpoint
CREATE TABLE "integrations"."change_log" (
	"sequence" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"source" text NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"operation" text NOT NULL,
	"entity_version" integer NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" jsonb NOT NULL,
	"changed_fields" jsonb NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"access" jsonb NOT NULL,
	"access_level" text NOT NULL,
	CONSTRAINT "change_log_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE INDEX "change_log_type_idx" ON "integrations"."change_log" USING btree ("type","sequence");--> statement-breakpoint
CREATE INDEX "change_log_entity_type_idx" ON "integrations"."change_log" USING btree ("entity_type","sequence");--> statement-breakpoint
CREATE INDEX "change_log_entity_idx" ON "integrations"."change_log" USING btree ("entity_id","sequence");--> statement-breakpoint
CREATE INDEX "change_log_access_idx" ON "integrations"."change_log" USING btree ("access_level","sequence");--> statement-breakpoint
CREATE INDEX "change_log_recorded_idx" ON "integrations"."change_log" USING btree ("recorded_at");