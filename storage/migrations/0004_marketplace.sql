CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"opening_id" text NOT NULL,
	"holder" text NOT NULL,
	"credentials" jsonb NOT NULL,
	"verification" jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"flags" text[] NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "openings" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"location" text NOT NULL,
	"remote" text NOT NULL,
	"employment_type" text,
	"requirements" jsonb NOT NULL,
	"accepted_issuers" text[] NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "organisations_kind_check" CHECK ("organisations"."kind" in ('company', 'sme', 'public-body', 'nonprofit'))
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_opening_id_openings_id_fk" FOREIGN KEY ("opening_id") REFERENCES "public"."openings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "openings" ADD CONSTRAINT "openings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "applications_opening_idx" ON "applications" USING btree ("opening_id","submitted_at");--> statement-breakpoint
CREATE INDEX "openings_status_created_idx" ON "openings" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "openings_organisation_idx" ON "openings" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_slug_key" ON "organisations" USING btree ("slug");