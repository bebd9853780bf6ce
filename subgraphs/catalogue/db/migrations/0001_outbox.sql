CREATE TYPE "catalogue"."dataset_status" AS ENUM('PUBLISHED', 'WITHDRAWN');--> statement-breakpoint
CREATE TABLE "catalogue"."idempotency_keys" (
	"key" text PRIMARY KEY NOT NULL,
	"operation" text NOT NULL,
	"request_hash" text NOT NULL,
	"entity_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue"."outbox" (
	"position" bigserial PRIMARY KEY NOT NULL,
	"event_id" text NOT NULL,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"operation" text NOT NULL,
	"entity_version" integer NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" jsonb NOT NULL,
	"changed_fields" jsonb NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"access" jsonb NOT NULL,
	"relayed_at" timestamp with time zone,
	CONSTRAINT "outbox_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "catalogue"."datasets" ADD COLUMN "status" "catalogue"."dataset_status" DEFAULT 'PUBLISHED' NOT NULL;--> statement-breakpoint
ALTER TABLE "catalogue"."datasets" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "catalogue"."datasets" ADD COLUMN "withdrawal_reason" text;--> statement-breakpoint
CREATE INDEX "catalogue_outbox_pending_idx" ON "catalogue"."outbox" USING btree ("position") WHERE relayed_at is null;--> statement-breakpoint
CREATE INDEX "datasets_status_idx" ON "catalogue"."datasets" USING btree ("status");