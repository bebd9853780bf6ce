DROP INDEX "startups"."startups_name_idx";--> statement-breakpoint
DROP INDEX "startups"."startups_district_idx";--> statement-breakpoint
CREATE INDEX "startups_directory_idx" ON "startups"."startups" USING btree ("name","id","sectors","stage","status","district","founded_on","synthetic","project_id");--> statement-breakpoint
CREATE INDEX "startups_district_idx" ON "startups"."startups" USING btree ("district","founded_on");