CREATE TYPE "programmes"."standing_kind" AS ENUM('REPORTED', 'TARGET');--> statement-breakpoint
CREATE TYPE "programmes"."standing_position" AS ENUM('FIRST', 'LEADING_GROUP');--> statement-breakpoint
CREATE TYPE "programmes"."standing_scope" AS ENUM('NATIONAL', 'ASEAN', 'ASIA');--> statement-breakpoint
CREATE TABLE "programmes"."meetings" (
	"id" text PRIMARY KEY NOT NULL,
	"held_on" date NOT NULL,
	"planned" boolean DEFAULT false NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"convened_by_id" text,
	"sequence_vi" text,
	"sequence_en" text,
	"decisions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "programmes"."standings" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" "programmes"."standing_kind" NOT NULL,
	"subject_vi" text NOT NULL,
	"subject_en" text,
	"scope" "programmes"."standing_scope" NOT NULL,
	"position" "programmes"."standing_position" NOT NULL,
	"year" integer,
	"note_vi" text,
	"note_en" text,
	"set_by_id" text,
	"statement_vi" text NOT NULL,
	"statement_en" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
