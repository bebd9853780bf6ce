CREATE SCHEMA "startups";
--> statement-breakpoint
CREATE TYPE "startups"."hub_kind" AS ENUM('HI_TECH_PARK', 'INCUBATOR', 'ACCELERATOR', 'INNOVATION_CENTRE', 'TECHNOLOGY_EXCHANGE', 'CREATIVE_DESIGN_CENTRE', 'SOFTWARE_PARK', 'CO_WORKING');--> statement-breakpoint
CREATE TABLE "startups"."hubs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "startups"."hub_kind" NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"operator_id" text,
	"parent_id" text,
	"address" text,
	"district" text,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "hubs_name_idx" ON "startups"."hubs" USING btree ("name_vi","id");--> statement-breakpoint
CREATE INDEX "hubs_kind_idx" ON "startups"."hubs" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "hubs_operator_idx" ON "startups"."hubs" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "hubs_parent_idx" ON "startups"."hubs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "hubs_search_idx" ON "startups"."hubs" USING gin ("search_text" gin_trgm_ops);