CREATE SCHEMA "programmes";
--> statement-breakpoint
CREATE TYPE "programmes"."organization_kind" AS ENUM('PARTY_BODY', 'PEOPLES_COMMITTEE', 'CITY_DEPARTMENT', 'MINISTRY', 'STEERING_COMMITTEE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE', 'OTHER');--> statement-breakpoint
CREATE TABLE "programmes"."organizations" (
	"id" text PRIMARY KEY NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"short_name" text,
	"kind" "programmes"."organization_kind" NOT NULL,
	"parent_id" text,
	"website" text,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "organizations_name_idx" ON "programmes"."organizations" USING btree ("name_vi","id");--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "programmes"."organizations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "programmes"."organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organizations_search_idx" ON "programmes"."organizations" USING gin ("search_text" gin_trgm_ops);