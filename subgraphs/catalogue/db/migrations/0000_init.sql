CREATE SCHEMA "catalogue";
--> statement-breakpoint
CREATE TYPE "catalogue"."access_level" AS ENUM('PUBLIC', 'RESTRICTED', 'INTERNAL');--> statement-breakpoint
CREATE TYPE "catalogue"."checksum_algorithm" AS ENUM('SHA256', 'SHA1', 'MD5');--> statement-breakpoint
CREATE TYPE "catalogue"."file_format" AS ENUM('CSV', 'JSON', 'JSON_LD', 'XML', 'RDF_TURTLE', 'GEOJSON', 'PARQUET', 'XLSX', 'XLS', 'ODS', 'PDF', 'DOCX', 'HTML', 'SHP', 'ZIP');--> statement-breakpoint
CREATE TYPE "catalogue"."update_frequency" AS ENUM('DAILY', 'WEEKLY', 'MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'IRREGULAR', 'NEVER');--> statement-breakpoint
CREATE TABLE "catalogue"."data_service_datasets" (
	"service_id" text NOT NULL,
	"dataset_id" text NOT NULL,
	CONSTRAINT "data_service_datasets_service_id_dataset_id_pk" PRIMARY KEY("service_id","dataset_id")
);
--> statement-breakpoint
CREATE TABLE "catalogue"."data_services" (
	"id" text PRIMARY KEY NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"description_vi" text,
	"description_en" text,
	"endpoint_url" text NOT NULL,
	"endpoint_description" text,
	"conforms_to" text,
	"publisher_id" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue"."dataset_indicators" (
	"dataset_id" text NOT NULL,
	"indicator_id" text NOT NULL,
	"provenance" jsonb NOT NULL,
	CONSTRAINT "dataset_indicators_dataset_id_indicator_id_pk" PRIMARY KEY("dataset_id","indicator_id")
);
--> statement-breakpoint
CREATE TABLE "catalogue"."dataset_series" (
	"id" text PRIMARY KEY NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"description_vi" text,
	"description_en" text,
	"update_frequency" "catalogue"."update_frequency",
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue"."datasets" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"description_vi" text,
	"description_en" text,
	"publisher_id" text,
	"contact_point" jsonb,
	"themes" text[] DEFAULT '{}' NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"access_level" "catalogue"."access_level" NOT NULL,
	"licence_id" text,
	"update_frequency" "catalogue"."update_frequency",
	"temporal_start" date,
	"temporal_end" date,
	"spatial" jsonb,
	"issued" date,
	"modified" date,
	"last_reviewed" date,
	"version_info" text,
	"landing_page" text,
	"series_id" text,
	"formats" text[] DEFAULT '{}' NOT NULL,
	"review_due_on" date,
	"update_due_on" date,
	"quality_findability" integer NOT NULL,
	"quality_accessibility" integer NOT NULL,
	"quality_interoperability" integer NOT NULL,
	"quality_reusability" integer NOT NULL,
	"quality_contextuality" integer NOT NULL,
	"quality_points" integer NOT NULL,
	"quality_score" integer NOT NULL,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "catalogue"."distributions" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"position" integer NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"format" "catalogue"."file_format",
	"media_type" text,
	"access_url" text,
	"download_url" text,
	"byte_size" bigint,
	"checksum_algorithm" "catalogue"."checksum_algorithm",
	"checksum_value" text,
	"issued" date,
	"modified" date,
	"licence_id" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalogue"."data_service_datasets" ADD CONSTRAINT "data_service_datasets_service_id_data_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "catalogue"."data_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue"."data_service_datasets" ADD CONSTRAINT "data_service_datasets_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "catalogue"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue"."dataset_indicators" ADD CONSTRAINT "dataset_indicators_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "catalogue"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue"."datasets" ADD CONSTRAINT "datasets_series_id_dataset_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "catalogue"."dataset_series"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalogue"."distributions" ADD CONSTRAINT "distributions_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "catalogue"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "data_service_datasets_dataset_idx" ON "catalogue"."data_service_datasets" USING btree ("dataset_id");--> statement-breakpoint
CREATE INDEX "data_services_title_idx" ON "catalogue"."data_services" USING btree ("title_vi","id");--> statement-breakpoint
CREATE INDEX "data_services_publisher_idx" ON "catalogue"."data_services" USING btree ("publisher_id");--> statement-breakpoint
CREATE INDEX "dataset_indicators_indicator_idx" ON "catalogue"."dataset_indicators" USING btree ("indicator_id");--> statement-breakpoint
CREATE INDEX "dataset_series_title_idx" ON "catalogue"."dataset_series" USING btree ("title_vi","id");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_identifier_idx" ON "catalogue"."datasets" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "datasets_title_idx" ON "catalogue"."datasets" USING btree ("title_vi","id");--> statement-breakpoint
CREATE INDEX "datasets_quality_idx" ON "catalogue"."datasets" USING btree ("quality_score","id");--> statement-breakpoint
CREATE INDEX "datasets_publisher_idx" ON "catalogue"."datasets" USING btree ("publisher_id");--> statement-breakpoint
CREATE INDEX "datasets_access_level_idx" ON "catalogue"."datasets" USING btree ("access_level");--> statement-breakpoint
CREATE INDEX "datasets_licence_idx" ON "catalogue"."datasets" USING btree ("licence_id");--> statement-breakpoint
CREATE INDEX "datasets_series_idx" ON "catalogue"."datasets" USING btree ("series_id");--> statement-breakpoint
CREATE INDEX "datasets_review_due_idx" ON "catalogue"."datasets" USING btree ("review_due_on");--> statement-breakpoint
CREATE INDEX "datasets_update_due_idx" ON "catalogue"."datasets" USING btree ("update_due_on");--> statement-breakpoint
CREATE INDEX "datasets_synthetic_idx" ON "catalogue"."datasets" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "datasets_themes_idx" ON "catalogue"."datasets" USING gin ("themes");--> statement-breakpoint
CREATE INDEX "datasets_formats_idx" ON "catalogue"."datasets" USING gin ("formats");--> statement-breakpoint
CREATE INDEX "datasets_search_idx" ON "catalogue"."datasets" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "distributions_dataset_idx" ON "catalogue"."distributions" USING btree ("dataset_id","position");