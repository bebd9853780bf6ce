CREATE SCHEMA "programmes";
--> statement-breakpoint
CREATE TYPE "programmes"."indicator_direction" AS ENUM('HIGHER_IS_BETTER', 'LOWER_IS_BETTER');--> statement-breakpoint
CREATE TYPE "programmes"."indicator_status" AS ENUM('ACHIEVED', 'ON_TRACK', 'AT_RISK', 'NOT_ACHIEVED', 'NO_DATA');--> statement-breakpoint
CREATE TYPE "programmes"."observation_status" AS ENUM('PROVISIONAL', 'FINAL', 'ESTIMATED');--> statement-breakpoint
CREATE TYPE "programmes"."organization_kind" AS ENUM('PARTY_BODY', 'PEOPLES_COMMITTEE', 'CITY_DEPARTMENT', 'MINISTRY', 'STEERING_COMMITTEE', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE', 'OTHER');--> statement-breakpoint
CREATE TYPE "programmes"."period_kind" AS ENUM('YEAR', 'QUARTER', 'MONTH');--> statement-breakpoint
CREATE TYPE "programmes"."programme_kind" AS ENUM('PROGRAMME', 'PLAN', 'RESOLUTION', 'DECISION', 'STRATEGY', 'OBJECTIVES');--> statement-breakpoint
CREATE TYPE "programmes"."programme_level" AS ENUM('NATIONAL', 'CITY');--> statement-breakpoint
CREATE TYPE "programmes"."programme_link_kind" AS ENUM('IMPLEMENTS', 'BASED_ON', 'CITED_TOGETHER');--> statement-breakpoint
CREATE TYPE "programmes"."programme_status" AS ENUM('PLANNED', 'ACTIVE', 'CONCLUDED', 'SUPERSEDED', 'UNKNOWN');--> statement-breakpoint
CREATE TYPE "programmes"."research_category" AS ENUM('NATURAL_SCIENCE_AND_TECHNOLOGY', 'SOCIAL_SCIENCES_AND_HUMANITIES', 'PILOT_PRODUCTION');--> statement-breakpoint
CREATE TYPE "programmes"."research_status" AS ENUM('APPROVED', 'IN_PROGRESS', 'ACCEPTED', 'NOT_ACCEPTED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "programmes"."target_comparator" AS ENUM('ABOVE', 'AT_LEAST', 'BELOW', 'AT_MOST', 'BETWEEN', 'ABOUT');--> statement-breakpoint
CREATE TYPE "programmes"."task_status" AS ENUM('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "programmes"."value_aggregation" AS ENUM('PER_PERIOD', 'CUMULATIVE');--> statement-breakpoint
CREATE TABLE "programmes"."indicator_reported_assessments" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"status" "programmes"."indicator_status" NOT NULL,
	"provisional" boolean NOT NULL,
	"reported_on" date,
	"reported_by_id" text,
	"statement_vi" text NOT NULL,
	"statement_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."indicators" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"programme_id" text NOT NULL,
	"ordinal" integer DEFAULT 0 NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"unit" text NOT NULL,
	"direction" "programmes"."indicator_direction" NOT NULL,
	"aggregation" "programmes"."value_aggregation" NOT NULL,
	"responsible_organization_id" text,
	"responsibility_assigned_by_id" text,
	"note_vi" text,
	"note_en" text,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."observation_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"observation_id" text NOT NULL,
	"revision" integer NOT NULL,
	"value" double precision NOT NULL,
	"status" "programmes"."observation_status" NOT NULL,
	"source_dataset_id" text,
	"source_document_title" text,
	"source_document_url" text,
	"note" text,
	"recorded_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	"provenance" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."observations" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"period_kind" "programmes"."period_kind" NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
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
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."programme_boards" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"field_vi" text,
	"field_en" text,
	"organization_id" text,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."programme_links" (
	"id" text PRIMARY KEY NOT NULL,
	"from_id" text NOT NULL,
	"to_id" text NOT NULL,
	"kind" "programmes"."programme_link_kind" NOT NULL,
	"note" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."programme_progress_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"reported_on" date,
	"reported_by_id" text,
	"indicators_total" integer,
	"indicators_achieved" integer,
	"indicators_likely_not_achieved" integer,
	"statement_vi" text NOT NULL,
	"statement_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."programmes" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"code_aliases" text[] DEFAULT '{}' NOT NULL,
	"kind" "programmes"."programme_kind" NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"issuer_id" text,
	"level" "programmes"."programme_level" NOT NULL,
	"period_start_year" integer,
	"period_end_year" integer,
	"term_vi" text,
	"issued_on" date,
	"status" "programmes"."programme_status" NOT NULL,
	"reported_counts" jsonb,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."research_aggregate_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"reported_on" date,
	"reported_by_id" text,
	"period_start_year" integer,
	"period_end_year" integer,
	"project_count" integer,
	"by_category" jsonb,
	"total_funding_vnd" bigint,
	"applied_share_above" double precision,
	"board_count" integer,
	"statement_vi" text NOT NULL,
	"statement_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."research_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"category" "programmes"."research_category" NOT NULL,
	"board_id" text,
	"lead_organization_id" text,
	"programme_id" text,
	"funding_vnd" bigint,
	"start_year" integer NOT NULL,
	"end_year" integer,
	"status" "programmes"."research_status" NOT NULL,
	"accepted_on" date,
	"result_applied" boolean,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."targets" (
	"id" text PRIMARY KEY NOT NULL,
	"indicator_id" text NOT NULL,
	"period_start" date,
	"deadline" date,
	"comparator" "programmes"."target_comparator" NOT NULL,
	"value" double precision NOT NULL,
	"value_max" double precision,
	"relative_tolerance" double precision,
	"baseline_value" double precision,
	"baseline_period" text,
	"set_by_id" text,
	"statement_vi" text,
	"statement_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."task_count_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"reported_on" date NOT NULL,
	"reported_by_id" text,
	"late_or_at_risk" integer,
	"needing_immediate_answer" integer,
	"completed_or_on_schedule" integer,
	"completed_by_unit" jsonb,
	"content_groups" jsonb,
	"statement_vi" text NOT NULL,
	"statement_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."task_groups" (
	"id" text PRIMARY KEY NOT NULL,
	"programme_id" text NOT NULL,
	"ordinal" integer NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."task_progress_updates" (
	"id" text PRIMARY KEY NOT NULL,
	"task_id" text NOT NULL,
	"reported_on" date NOT NULL,
	"status" "programmes"."task_status" NOT NULL,
	"percent_complete" integer,
	"note_vi" text,
	"note_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."tasks" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"programme_id" text,
	"task_group_id" text,
	"assigned_by_id" text,
	"title_vi" text NOT NULL,
	"title_en" text,
	"lead_organization_id" text,
	"coordinating_organization_ids" text[] DEFAULT '{}' NOT NULL,
	"due_date" date,
	"status" "programmes"."task_status" NOT NULL,
	"completed_on" date,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "indicator_reported_assessments_indicator_idx" ON "programmes"."indicator_reported_assessments" USING btree ("indicator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "indicators_code_idx" ON "programmes"."indicators" USING btree ("code");--> statement-breakpoint
CREATE INDEX "indicators_code_id_idx" ON "programmes"."indicators" USING btree ("code","id");--> statement-breakpoint
CREATE INDEX "indicators_programme_idx" ON "programmes"."indicators" USING btree ("programme_id","ordinal");--> statement-breakpoint
CREATE INDEX "indicators_responsible_idx" ON "programmes"."indicators" USING btree ("responsible_organization_id");--> statement-breakpoint
CREATE INDEX "indicators_synthetic_idx" ON "programmes"."indicators" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "indicators_search_idx" ON "programmes"."indicators" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "observation_revisions_number_idx" ON "programmes"."observation_revisions" USING btree ("observation_id","revision");--> statement-breakpoint
CREATE INDEX "observation_revisions_validity_idx" ON "programmes"."observation_revisions" USING btree ("observation_id","recorded_at","superseded_at");--> statement-breakpoint
CREATE INDEX "observation_revisions_dataset_idx" ON "programmes"."observation_revisions" USING btree ("source_dataset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "observations_indicator_period_idx" ON "programmes"."observations" USING btree ("indicator_id","period_kind","period_start");--> statement-breakpoint
CREATE INDEX "observations_synthetic_idx" ON "programmes"."observations" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "organizations_name_idx" ON "programmes"."organizations" USING btree ("name_vi","id");--> statement-breakpoint
CREATE INDEX "organizations_kind_idx" ON "programmes"."organizations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "programmes"."organizations" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "organizations_synthetic_idx" ON "programmes"."organizations" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "organizations_search_idx" ON "programmes"."organizations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "programme_boards_code_idx" ON "programmes"."programme_boards" USING btree ("code");--> statement-breakpoint
CREATE INDEX "programme_boards_code_id_idx" ON "programmes"."programme_boards" USING btree ("code","id");--> statement-breakpoint
CREATE INDEX "programme_boards_synthetic_idx" ON "programmes"."programme_boards" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "programme_boards_search_idx" ON "programmes"."programme_boards" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "programme_links_from_idx" ON "programmes"."programme_links" USING btree ("from_id");--> statement-breakpoint
CREATE INDEX "programme_links_to_idx" ON "programmes"."programme_links" USING btree ("to_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_links_unique_idx" ON "programmes"."programme_links" USING btree ("from_id","to_id","kind");--> statement-breakpoint
CREATE INDEX "programme_progress_reports_programme_idx" ON "programmes"."programme_progress_reports" USING btree ("programme_id");--> statement-breakpoint
CREATE UNIQUE INDEX "programmes_code_idx" ON "programmes"."programmes" USING btree ("code");--> statement-breakpoint
CREATE INDEX "programmes_code_id_idx" ON "programmes"."programmes" USING btree ("code","id");--> statement-breakpoint
CREATE INDEX "programmes_aliases_idx" ON "programmes"."programmes" USING gin ("code_aliases");--> statement-breakpoint
CREATE INDEX "programmes_issuer_idx" ON "programmes"."programmes" USING btree ("issuer_id");--> statement-breakpoint
CREATE INDEX "programmes_kind_idx" ON "programmes"."programmes" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "programmes_level_idx" ON "programmes"."programmes" USING btree ("level");--> statement-breakpoint
CREATE INDEX "programmes_status_idx" ON "programmes"."programmes" USING btree ("status");--> statement-breakpoint
CREATE INDEX "programmes_period_idx" ON "programmes"."programmes" USING btree ("period_start_year","period_end_year");--> statement-breakpoint
CREATE INDEX "programmes_synthetic_idx" ON "programmes"."programmes" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "programmes_search_idx" ON "programmes"."programmes" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "research_projects_code_idx" ON "programmes"."research_projects" USING btree ("code");--> statement-breakpoint
CREATE INDEX "research_projects_code_id_idx" ON "programmes"."research_projects" USING btree ("code","id");--> statement-breakpoint
CREATE INDEX "research_projects_category_idx" ON "programmes"."research_projects" USING btree ("category");--> statement-breakpoint
CREATE INDEX "research_projects_board_idx" ON "programmes"."research_projects" USING btree ("board_id");--> statement-breakpoint
CREATE INDEX "research_projects_lead_idx" ON "programmes"."research_projects" USING btree ("lead_organization_id");--> statement-breakpoint
CREATE INDEX "research_projects_status_idx" ON "programmes"."research_projects" USING btree ("status");--> statement-breakpoint
CREATE INDEX "research_projects_years_idx" ON "programmes"."research_projects" USING btree ("start_year","end_year");--> statement-breakpoint
CREATE INDEX "research_projects_synthetic_idx" ON "programmes"."research_projects" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "research_projects_search_idx" ON "programmes"."research_projects" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "targets_indicator_idx" ON "programmes"."targets" USING btree ("indicator_id","deadline");--> statement-breakpoint
CREATE INDEX "targets_set_by_idx" ON "programmes"."targets" USING btree ("set_by_id");--> statement-breakpoint
CREATE INDEX "task_count_reports_reported_idx" ON "programmes"."task_count_reports" USING btree ("reported_on");--> statement-breakpoint
CREATE INDEX "task_groups_programme_idx" ON "programmes"."task_groups" USING btree ("programme_id","ordinal");--> statement-breakpoint
CREATE INDEX "task_progress_updates_task_idx" ON "programmes"."task_progress_updates" USING btree ("task_id","reported_on");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_code_idx" ON "programmes"."tasks" USING btree ("code");--> statement-breakpoint
CREATE INDEX "tasks_code_id_idx" ON "programmes"."tasks" USING btree ("code","id");--> statement-breakpoint
CREATE INDEX "tasks_programme_idx" ON "programmes"."tasks" USING btree ("programme_id");--> statement-breakpoint
CREATE INDEX "tasks_group_idx" ON "programmes"."tasks" USING btree ("task_group_id");--> statement-breakpoint
CREATE INDEX "tasks_assigned_by_idx" ON "programmes"."tasks" USING btree ("assigned_by_id");--> statement-breakpoint
CREATE INDEX "tasks_lead_idx" ON "programmes"."tasks" USING btree ("lead_organization_id");--> statement-breakpoint
CREATE INDEX "tasks_coordinating_idx" ON "programmes"."tasks" USING gin ("coordinating_organization_ids");--> statement-breakpoint
CREATE INDEX "tasks_status_due_idx" ON "programmes"."tasks" USING btree ("status","due_date");--> statement-breakpoint
CREATE INDEX "tasks_synthetic_idx" ON "programmes"."tasks" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "tasks_search_idx" ON "programmes"."tasks" USING gin ("search_text" gin_trgm_ops);