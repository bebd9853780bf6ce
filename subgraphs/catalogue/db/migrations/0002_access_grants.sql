ALTER TYPE "catalogue"."dataset_status" ADD VALUE 'DRAFT' BEFORE 'PUBLISHED';--> statement-breakpoint
CREATE TABLE "catalogue"."dataset_access_grants" (
	"id" text PRIMARY KEY NOT NULL,
	"dataset_id" text NOT NULL,
	"organization_id" text NOT NULL,
	"granted_by" text,
	"granted_at" timestamp with time zone NOT NULL,
	"expires_on" date,
	"note" text,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"provenance" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "catalogue"."dataset_access_grants" ADD CONSTRAINT "dataset_access_grants_dataset_id_datasets_id_fk" FOREIGN KEY ("dataset_id") REFERENCES "catalogue"."datasets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dataset_access_grants_active_idx" ON "catalogue"."dataset_access_grants" USING btree ("dataset_id","organization_id") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "dataset_access_grants_dataset_idx" ON "catalogue"."dataset_access_grants" USING btree ("dataset_id","granted_at");--> statement-breakpoint
CREATE INDEX "dataset_access_grants_organization_idx" ON "catalogue"."dataset_access_grants" USING btree ("organization_id","dataset_id") WHERE revoked_at is null;