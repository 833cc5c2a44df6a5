CREATE TABLE "employer_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"employer_id" text NOT NULL,
	"hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "employers" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "employers_role_check" CHECK ("employers"."role" in ('owner', 'recruiter'))
);
--> statement-breakpoint
CREATE TABLE "organisation_api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"label" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "organisation_verifications" (
	"organisation_id" text PRIMARY KEY NOT NULL,
	"verified_by" jsonb NOT NULL,
	"verified_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shortlists" (
	"application_id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"shortlisted_at" timestamp with time zone NOT NULL,
	"shortlisted_by" text NOT NULL,
	"consent" text NOT NULL,
	"decided_at" timestamp with time zone,
	"revealed" jsonb,
	CONSTRAINT "shortlists_consent_check" CHECK ("shortlists"."consent" in ('pending', 'given', 'declined'))
);
--> statement-breakpoint
ALTER TABLE "employer_sessions" ADD CONSTRAINT "employer_sessions_employer_id_employers_id_fk" FOREIGN KEY ("employer_id") REFERENCES "public"."employers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "employers" ADD CONSTRAINT "employers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_api_keys" ADD CONSTRAINT "organisation_api_keys_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_verifications" ADD CONSTRAINT "organisation_verifications_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shortlists" ADD CONSTRAINT "shortlists_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "employer_sessions_hash_key" ON "employer_sessions" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "employer_sessions_employer_idx" ON "employer_sessions" USING btree ("employer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "employers_email_key" ON "employers" USING btree ("email");--> statement-breakpoint
CREATE INDEX "employers_organisation_idx" ON "employers" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_api_keys_hash_key" ON "organisation_api_keys" USING btree ("hash");--> statement-breakpoint
CREATE INDEX "organisation_api_keys_organisation_idx" ON "organisation_api_keys" USING btree ("organisation_id");