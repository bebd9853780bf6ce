CREATE SCHEMA "startups";
--> statement-breakpoint
CREATE TYPE "startups"."certification_kind" AS ENUM('ST_ENTERPRISE', 'HIGH_TECH_ENTERPRISE');--> statement-breakpoint
CREATE TYPE "startups"."coordinate_precision" AS ENUM('SITE', 'AREA');--> statement-breakpoint
CREATE TYPE "startups"."hub_kind" AS ENUM('HI_TECH_PARK', 'INCUBATOR', 'ACCELERATOR', 'INNOVATION_CENTRE', 'TECHNOLOGY_EXCHANGE', 'CREATIVE_DESIGN_CENTRE', 'SOFTWARE_PARK', 'CO_WORKING');--> statement-breakpoint
CREATE TYPE "startups"."hub_status" AS ENUM('PLANNED', 'UNDER_CONSTRUCTION', 'OPERATING', 'CLOSED');--> statement-breakpoint
CREATE TYPE "startups"."participation_outcome" AS ENUM('IN_PROGRESS', 'GRADUATED', 'INCORPORATED', 'FUNDED', 'WITHDREW');--> statement-breakpoint
CREATE TYPE "startups"."project_stage" AS ENUM('IDEA', 'INCUBATED', 'INCORPORATED', 'FUNDED', 'STOPPED');--> statement-breakpoint
CREATE TYPE "startups"."round_type" AS ENUM('GRANT', 'ANGEL', 'PRE_SEED', 'SEED', 'SERIES_A', 'SERIES_B', 'SERIES_C_PLUS', 'DEBT', 'CROWDFUNDING', 'OTHER');--> statement-breakpoint
CREATE TYPE "startups"."sector" AS ENUM('ARTIFICIAL_INTELLIGENCE', 'SOFTWARE', 'FINTECH', 'EDTECH', 'HEALTHTECH', 'BIOTECH', 'AGRITECH', 'ECOMMERCE', 'LOGISTICS', 'CLEANTECH', 'SMART_CITY', 'IOT_ELECTRONICS', 'MANUFACTURING', 'CREATIVE_DESIGN', 'TOURISM');--> statement-breakpoint
CREATE TYPE "startups"."startup_stage" AS ENUM('PROTOTYPE', 'EARLY_REVENUE', 'GROWTH', 'SCALE_UP');--> statement-breakpoint
CREATE TYPE "startups"."startup_status" AS ENUM('ACTIVE', 'ACQUIRED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "startups"."support_kind" AS ENUM('INCUBATION', 'GRANT', 'TRAINING', 'MENTORING', 'TECHNOLOGY_TRANSFER', 'OTHER');--> statement-breakpoint
CREATE TABLE "startups"."certifications" (
	"id" text PRIMARY KEY NOT NULL,
	"startup_id" text NOT NULL,
	"kind" "startups"."certification_kind" NOT NULL,
	"certificate_number" text,
	"issued_on" date NOT NULL,
	"expires_on" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certifications_dates" CHECK ("startups"."certifications"."expires_on" is null or "startups"."certifications"."expires_on" >= "startups"."certifications"."issued_on")
);
--> statement-breakpoint
CREATE TABLE "startups"."cohorts" (
	"id" text PRIMARY KEY NOT NULL,
	"hub_id" text NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cohorts_dates" CHECK ("startups"."cohorts"."ends_on" is null or "startups"."cohorts"."ends_on" >= "startups"."cohorts"."starts_on")
);
--> statement-breakpoint
CREATE TABLE "startups"."funding_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"startup_id" text NOT NULL,
	"type" "startups"."round_type" NOT NULL,
	"announced_on" date NOT NULL,
	"amount" numeric(20, 2),
	"currency" text,
	"investors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "funding_rounds_amount_positive" CHECK ("startups"."funding_rounds"."amount" >= 0),
	CONSTRAINT "funding_rounds_currency_with_amount" CHECK (("startups"."funding_rounds"."amount" is null) = ("startups"."funding_rounds"."currency" is null))
);
--> statement-breakpoint
CREATE TABLE "startups"."hubs" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "startups"."hub_kind" NOT NULL,
	"status" "startups"."hub_status" NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"operator_id" text,
	"parent_id" text,
	"address" text,
	"district" text,
	"latitude" double precision,
	"longitude" double precision,
	"coordinate_precision" "startups"."coordinate_precision",
	"focus_sectors" "startups"."sector"[] DEFAULT '{}'::startups.sector[] NOT NULL,
	"established_on" date,
	"capacity" integer,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hubs_latitude_range" CHECK ("startups"."hubs"."latitude" between -90 and 90),
	CONSTRAINT "hubs_longitude_range" CHECK ("startups"."hubs"."longitude" between -180 and 180),
	CONSTRAINT "hubs_capacity_positive" CHECK ("startups"."hubs"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "startups"."participations" (
	"id" text PRIMARY KEY NOT NULL,
	"cohort_id" text NOT NULL,
	"startup_id" text,
	"project_id" text,
	"joined_on" date NOT NULL,
	"left_on" date,
	"outcome" "startups"."participation_outcome" NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "participations_one_participant" CHECK (("startups"."participations"."startup_id" is null) <> ("startups"."participations"."project_id" is null)),
	CONSTRAINT "participations_dates" CHECK ("startups"."participations"."left_on" is null or "startups"."participations"."left_on" >= "startups"."participations"."joined_on")
);
--> statement-breakpoint
CREATE TABLE "startups"."project_supports" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"programme_id" text NOT NULL,
	"kind" "startups"."support_kind" NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "project_supports_dates" CHECK ("startups"."project_supports"."ended_on" is null or "startups"."project_supports"."ended_on" >= "startups"."project_supports"."started_on")
);
--> statement-breakpoint
CREATE TABLE "startups"."project_transitions" (
	"id" text PRIMARY KEY NOT NULL,
	"project_id" text NOT NULL,
	"stage" "startups"."project_stage" NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text,
	"synthetic" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "startups"."projects" (
	"id" text PRIMARY KEY NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"summary" text,
	"team" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sectors" "startups"."sector"[] DEFAULT '{}'::startups.sector[] NOT NULL,
	"district" text,
	"stage" "startups"."project_stage" NOT NULL,
	"started_on" date NOT NULL,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "startups"."startups" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"registration_code" text NOT NULL,
	"founded_on" date NOT NULL,
	"sectors" "startups"."sector"[] DEFAULT '{}'::startups.sector[] NOT NULL,
	"stage" "startups"."startup_stage" NOT NULL,
	"status" "startups"."startup_status" NOT NULL,
	"district" text,
	"address" text,
	"website" text,
	"team_size" integer,
	"project_id" text,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "startups_team_size_positive" CHECK ("startups"."startups"."team_size" >= 0)
);
--> statement-breakpoint
ALTER TABLE "startups"."certifications" ADD CONSTRAINT "certifications_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "startups"."startups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."cohorts" ADD CONSTRAINT "cohorts_hub_id_hubs_id_fk" FOREIGN KEY ("hub_id") REFERENCES "startups"."hubs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."funding_rounds" ADD CONSTRAINT "funding_rounds_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "startups"."startups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."participations" ADD CONSTRAINT "participations_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "startups"."cohorts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."participations" ADD CONSTRAINT "participations_startup_id_startups_id_fk" FOREIGN KEY ("startup_id") REFERENCES "startups"."startups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."participations" ADD CONSTRAINT "participations_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "startups"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."project_supports" ADD CONSTRAINT "project_supports_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "startups"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."project_transitions" ADD CONSTRAINT "project_transitions_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "startups"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "startups"."startups" ADD CONSTRAINT "startups_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "startups"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certifications_startup_idx" ON "startups"."certifications" USING btree ("startup_id");--> statement-breakpoint
CREATE INDEX "certifications_kind_idx" ON "startups"."certifications" USING btree ("kind","startup_id");--> statement-breakpoint
CREATE INDEX "cohorts_hub_idx" ON "startups"."cohorts" USING btree ("hub_id","starts_on","id");--> statement-breakpoint
CREATE INDEX "cohorts_starts_idx" ON "startups"."cohorts" USING btree ("starts_on","id");--> statement-breakpoint
CREATE INDEX "funding_rounds_startup_idx" ON "startups"."funding_rounds" USING btree ("startup_id","announced_on");--> statement-breakpoint
CREATE INDEX "funding_rounds_announced_idx" ON "startups"."funding_rounds" USING btree ("announced_on","id");--> statement-breakpoint
CREATE INDEX "funding_rounds_type_idx" ON "startups"."funding_rounds" USING btree ("type");--> statement-breakpoint
CREATE INDEX "funding_rounds_currency_idx" ON "startups"."funding_rounds" USING btree ("currency");--> statement-breakpoint
CREATE INDEX "hubs_name_idx" ON "startups"."hubs" USING btree ("name_vi","id");--> statement-breakpoint
CREATE INDEX "hubs_kind_idx" ON "startups"."hubs" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "hubs_status_idx" ON "startups"."hubs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "hubs_district_idx" ON "startups"."hubs" USING btree ("district");--> statement-breakpoint
CREATE INDEX "hubs_operator_idx" ON "startups"."hubs" USING btree ("operator_id");--> statement-breakpoint
CREATE INDEX "hubs_parent_idx" ON "startups"."hubs" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "hubs_synthetic_idx" ON "startups"."hubs" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "hubs_location_idx" ON "startups"."hubs" USING btree ("latitude","longitude");--> statement-breakpoint
CREATE INDEX "hubs_search_idx" ON "startups"."hubs" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "participations_cohort_idx" ON "startups"."participations" USING btree ("cohort_id","joined_on","id");--> statement-breakpoint
CREATE INDEX "participations_startup_idx" ON "startups"."participations" USING btree ("startup_id");--> statement-breakpoint
CREATE INDEX "participations_project_idx" ON "startups"."participations" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_supports_project_idx" ON "startups"."project_supports" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "project_supports_programme_idx" ON "startups"."project_supports" USING btree ("programme_id","project_id");--> statement-breakpoint
CREATE INDEX "project_transitions_project_idx" ON "startups"."project_transitions" USING btree ("project_id","occurred_on");--> statement-breakpoint
CREATE INDEX "project_transitions_stage_idx" ON "startups"."project_transitions" USING btree ("stage","occurred_on");--> statement-breakpoint
CREATE INDEX "projects_title_idx" ON "startups"."projects" USING btree ("title_vi","id");--> statement-breakpoint
CREATE INDEX "projects_stage_idx" ON "startups"."projects" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "projects_started_idx" ON "startups"."projects" USING btree ("started_on");--> statement-breakpoint
CREATE INDEX "projects_district_idx" ON "startups"."projects" USING btree ("district");--> statement-breakpoint
CREATE INDEX "projects_sectors_idx" ON "startups"."projects" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "projects_synthetic_idx" ON "startups"."projects" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "projects_search_idx" ON "startups"."projects" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "startups_name_idx" ON "startups"."startups" USING btree ("name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "startups_registration_code_idx" ON "startups"."startups" USING btree ("registration_code");--> statement-breakpoint
CREATE INDEX "startups_founded_idx" ON "startups"."startups" USING btree ("founded_on");--> statement-breakpoint
CREATE INDEX "startups_stage_idx" ON "startups"."startups" USING btree ("stage");--> statement-breakpoint
CREATE INDEX "startups_status_idx" ON "startups"."startups" USING btree ("status");--> statement-breakpoint
CREATE INDEX "startups_district_idx" ON "startups"."startups" USING btree ("district");--> statement-breakpoint
CREATE INDEX "startups_project_idx" ON "startups"."startups" USING btree ("project_id");--> statement-breakpoint
CREATE INDEX "startups_sectors_idx" ON "startups"."startups" USING gin ("sectors");--> statement-breakpoint
CREATE INDEX "startups_synthetic_idx" ON "startups"."startups" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "startups_search_idx" ON "startups"."startups" USING gin ("search_text" gin_trgm_ops);