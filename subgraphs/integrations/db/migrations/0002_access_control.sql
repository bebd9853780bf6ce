CREATE TABLE "integrations"."api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"secret_hash" text NOT NULL,
	"role" text NOT NULL,
	"organization_id" text,
	"domains" text[] DEFAULT '{}'::text[] NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" text,
	"last_used_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "integrations"."audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"event_id" text,
	"type" text NOT NULL,
	"entity_type" text NOT NULL,
	"entity_id" text NOT NULL,
	"operation" text NOT NULL,
	"changed_fields" jsonb NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_subject" text,
	"actor_organization_id" text,
	"actor_credential" text,
	"request_id" text,
	"ip" text,
	"user_agent" text,
	CONSTRAINT "audit_log_event_id_unique" UNIQUE("event_id")
);
--> statement-breakpoint
ALTER TABLE "integrations"."change_log" ADD COLUMN "draft" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations"."change_log" ADD COLUMN "owner_organization_id" text;--> statement-breakpoint
ALTER TABLE "integrations"."change_log" ADD COLUMN "granted_organization_ids" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash_idx" ON "integrations"."api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_created_idx" ON "integrations"."api_keys" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "api_keys_organization_idx" ON "integrations"."api_keys" USING btree ("organization_id","created_at","id");--> statement-breakpoint
CREATE INDEX "api_keys_role_idx" ON "integrations"."api_keys" USING btree ("role","created_at","id");--> statement-breakpoint
CREATE INDEX "api_keys_unrevoked_idx" ON "integrations"."api_keys" USING btree ("expires_at") WHERE revoked_at is null;--> statement-breakpoint
CREATE INDEX "audit_log_occurred_idx" ON "integrations"."audit_log" USING btree ("occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_subject_idx" ON "integrations"."audit_log" USING btree ("actor_subject","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_organization_idx" ON "integrations"."audit_log" USING btree ("actor_organization_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_type_idx" ON "integrations"."audit_log" USING btree ("entity_type","occurred_at","id");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "integrations"."audit_log" USING btree ("entity_id","occurred_at","id");--> statement-breakpoint
CREATE INDEX "change_log_owner_idx" ON "integrations"."change_log" USING btree ("owner_organization_id","sequence");--> statement-breakpoint
-- Events stored before these columns existed: fill them from the event's own access, and record them in the audit log.
UPDATE "integrations"."change_log" SET
	"draft" = coalesce(("access"->>'draft')::boolean, false),
	"owner_organization_id" = "access"->>'ownerOrganizationId',
	"granted_organization_ids" = CASE WHEN jsonb_typeof("access"->'grantedOrganizationIds') = 'array'
		THEN array(SELECT jsonb_array_elements_text("access"->'grantedOrganizationIds')) ELSE '{}'::text[] END;--> statement-breakpoint
INSERT INTO "integrations"."audit_log" ("event_id", "type", "entity_type", "entity_id", "operation", "changed_fields", "occurred_at", "recorded_at", "source", "actor_role", "actor_subject", "actor_organization_id", "actor_credential", "request_id", "ip", "user_agent")
SELECT "event_id", "type", "entity_type", "entity_id", "operation", "changed_fields", "occurred_at", "recorded_at", "source",
	coalesce("actor"->>'role', 'public'), "actor"->>'subject', "actor"->>'organizationId', "actor"->>'credential', "actor"->>'requestId', "actor"->>'ip', "actor"->>'userAgent'
FROM "integrations"."change_log" ORDER BY "sequence";
