CREATE SCHEMA "experts";
--> statement-breakpoint
CREATE TYPE "experts"."academic_degree" AS ENUM('DOCTOR_OF_SCIENCE', 'DOCTOR', 'MASTER', 'BACHELOR');--> statement-breakpoint
CREATE TYPE "experts"."academic_title" AS ENUM('PROFESSOR', 'ASSOCIATE_PROFESSOR');--> statement-breakpoint
CREATE TYPE "experts"."availability" AS ENUM('AVAILABLE', 'LIMITED', 'UNAVAILABLE');--> statement-breakpoint
CREATE TYPE "experts"."engagement_role" AS ENUM('REVIEWER', 'COUNCIL_MEMBER', 'ADVISER', 'MENTOR');--> statement-breakpoint
CREATE TYPE "experts"."engagement_status" AS ENUM('PROPOSED', 'ACTIVE', 'COMPLETED', 'DECLINED');--> statement-breakpoint
CREATE TYPE "experts"."engagement_target_type" AS ENUM('ResearchProject', 'Programme', 'Task', 'Startup', 'StartupProject');--> statement-breakpoint
CREATE TYPE "experts"."expertise_scheme" AS ENUM('FOS_2007', 'PROGRAMME_PRIORITY');--> statement-breakpoint
CREATE TYPE "experts"."membership_role" AS ENUM('MEMBER', 'COORDINATOR', 'CHAIR', 'VICE_CHAIR', 'SECRETARY');--> statement-breakpoint
CREATE TYPE "experts"."network_kind" AS ENUM('INITIATIVE_NETWORK', 'EXPERT_PROGRAMME', 'ADVISORY_NETWORK', 'ADVISORY_COUNCIL');--> statement-breakpoint
CREATE TYPE "experts"."residence" AS ENUM('DOMESTIC', 'OVERSEAS');--> statement-breakpoint
CREATE TABLE "experts"."affiliations" (
	"id" text PRIMARY KEY NOT NULL,
	"expert_id" text NOT NULL,
	"organization_id" text,
	"institution_vi" text,
	"institution_en" text,
	"country" text NOT NULL,
	"role_vi" text,
	"role_en" text,
	"started_on" date,
	"ended_on" date,
	"position" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts"."engagements" (
	"id" text PRIMARY KEY NOT NULL,
	"expert_id" text NOT NULL,
	"role" "experts"."engagement_role" NOT NULL,
	"target_type" "experts"."engagement_target_type" NOT NULL,
	"target_id" text NOT NULL,
	"started_on" date,
	"ended_on" date,
	"status" "experts"."engagement_status" NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts"."expert_areas" (
	"expert_id" text NOT NULL,
	"area_id" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "expert_areas_expert_id_area_id_pk" PRIMARY KEY("expert_id","area_id")
);
--> statement-breakpoint
CREATE TABLE "experts"."expert_contacts" (
	"expert_id" text PRIMARY KEY NOT NULL,
	"email" text,
	"phone" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts"."expertise_areas" (
	"id" text PRIMARY KEY NOT NULL,
	"scheme" "experts"."expertise_scheme" NOT NULL,
	"code" text NOT NULL,
	"parent_id" text,
	"level" integer NOT NULL,
	"position" integer NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text NOT NULL,
	"national_codes" text[] DEFAULT '{}' NOT NULL,
	"related_ids" text[] DEFAULT '{}' NOT NULL,
	"note" text,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts"."experts" (
	"id" text PRIMARY KEY NOT NULL,
	"full_name" text NOT NULL,
	"academic_title" "experts"."academic_title",
	"degree" "experts"."academic_degree",
	"residence" "experts"."residence" NOT NULL,
	"country_of_residence" text NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"keywords_text" text DEFAULT '' NOT NULL,
	"languages" text[] DEFAULT '{}' NOT NULL,
	"orcid" text,
	"biography_vi" text,
	"biography_en" text,
	"availability" "experts"."availability" NOT NULL,
	"willing_to_mentor" boolean DEFAULT false NOT NULL,
	"willing_to_review" boolean DEFAULT false NOT NULL,
	"willing_to_advise" boolean DEFAULT false NOT NULL,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts"."memberships" (
	"id" text PRIMARY KEY NOT NULL,
	"network_id" text NOT NULL,
	"expert_id" text NOT NULL,
	"role" "experts"."membership_role" NOT NULL,
	"since" date,
	"until" date,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experts"."networks" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"kind" "experts"."network_kind" NOT NULL,
	"name_vi" text NOT NULL,
	"name_en" text,
	"description_vi" text,
	"description_en" text,
	"organizer_id" text,
	"programme_id" text,
	"planned_launch" text,
	"launched_on" date,
	"search_text" text NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "experts"."affiliations" ADD CONSTRAINT "affiliations_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "experts"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts"."engagements" ADD CONSTRAINT "engagements_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "experts"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts"."expert_areas" ADD CONSTRAINT "expert_areas_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "experts"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts"."expert_areas" ADD CONSTRAINT "expert_areas_area_id_expertise_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "experts"."expertise_areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts"."expert_contacts" ADD CONSTRAINT "expert_contacts_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "experts"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts"."memberships" ADD CONSTRAINT "memberships_network_id_networks_id_fk" FOREIGN KEY ("network_id") REFERENCES "experts"."networks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experts"."memberships" ADD CONSTRAINT "memberships_expert_id_experts_id_fk" FOREIGN KEY ("expert_id") REFERENCES "experts"."experts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "affiliations_expert_idx" ON "experts"."affiliations" USING btree ("expert_id","position");--> statement-breakpoint
CREATE INDEX "affiliations_organization_idx" ON "experts"."affiliations" USING btree ("organization_id","expert_id");--> statement-breakpoint
CREATE INDEX "engagements_target_idx" ON "experts"."engagements" USING btree ("target_id","role","expert_id");--> statement-breakpoint
CREATE INDEX "engagements_expert_idx" ON "experts"."engagements" USING btree ("expert_id","started_on");--> statement-breakpoint
CREATE INDEX "expert_areas_area_idx" ON "experts"."expert_areas" USING btree ("area_id","expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "expertise_areas_code_idx" ON "experts"."expertise_areas" USING btree ("code");--> statement-breakpoint
CREATE INDEX "expertise_areas_order_idx" ON "experts"."expertise_areas" USING btree ("scheme","position","id");--> statement-breakpoint
CREATE INDEX "expertise_areas_parent_idx" ON "experts"."expertise_areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "expertise_areas_search_idx" ON "experts"."expertise_areas" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "experts_name_idx" ON "experts"."experts" USING btree ("full_name","id");--> statement-breakpoint
CREATE UNIQUE INDEX "experts_orcid_idx" ON "experts"."experts" USING btree ("orcid");--> statement-breakpoint
CREATE INDEX "experts_country_idx" ON "experts"."experts" USING btree ("country_of_residence");--> statement-breakpoint
CREATE INDEX "experts_residence_idx" ON "experts"."experts" USING btree ("residence");--> statement-breakpoint
CREATE INDEX "experts_availability_idx" ON "experts"."experts" USING btree ("availability");--> statement-breakpoint
CREATE INDEX "experts_languages_idx" ON "experts"."experts" USING gin ("languages");--> statement-breakpoint
CREATE INDEX "experts_search_idx" ON "experts"."experts" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "experts_keywords_idx" ON "experts"."experts" USING gin ("keywords_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "experts_synthetic_idx" ON "experts"."experts" USING btree ("synthetic");--> statement-breakpoint
CREATE INDEX "memberships_network_idx" ON "experts"."memberships" USING btree ("network_id","expert_id","id");--> statement-breakpoint
CREATE INDEX "memberships_expert_idx" ON "experts"."memberships" USING btree ("expert_id");--> statement-breakpoint
CREATE UNIQUE INDEX "networks_code_idx" ON "experts"."networks" USING btree ("code");--> statement-breakpoint
CREATE INDEX "networks_name_idx" ON "experts"."networks" USING btree ("name_vi","id");--> statement-breakpoint
CREATE INDEX "networks_kind_idx" ON "experts"."networks" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "networks_search_idx" ON "experts"."networks" USING gin ("search_text" gin_trgm_ops);