CREATE TABLE "application_evidence" (
	"application_id" text NOT NULL,
	"position" integer NOT NULL,
	"opening_id" text NOT NULL,
	"credential_id" text,
	"digest" text NOT NULL,
	"verified" boolean NOT NULL,
	"issuer" text,
	"trusted" boolean NOT NULL,
	"revoked" boolean NOT NULL,
	"suspended" boolean NOT NULL,
	"valid_from" text,
	"valid_until" text,
	"skills" jsonb NOT NULL,
	"status_entries" jsonb NOT NULL,
	"problems" text[] NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "application_evidence_application_id_position_pk" PRIMARY KEY("application_id","position")
);
--> statement-breakpoint
CREATE TABLE "application_skills" (
	"opening_id" text NOT NULL,
	"application_id" text NOT NULL,
	"position" integer NOT NULL,
	"skill" text NOT NULL,
	"level" smallint NOT NULL,
	"issuer" text,
	"valid_from_ms" bigint,
	"valid_until_ms" bigint,
	"usable" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "application_status_entries" (
	"application_id" text NOT NULL,
	"position" integer NOT NULL,
	"status_list_url" text NOT NULL,
	"status_index" integer NOT NULL,
	"purpose" text NOT NULL,
	CONSTRAINT "application_status_entries_application_id_position_status_list_url_status_index_purpose_pk" PRIMARY KEY("application_id","position","status_list_url","status_index","purpose")
);
--> statement-breakpoint
CREATE TABLE "webhook_attempts" (
	"delivery_id" text NOT NULL,
	"attempt" integer NOT NULL,
	"attempted_at" timestamp with time zone NOT NULL,
	"status_code" integer,
	"error" text,
	"duration_ms" integer NOT NULL,
	CONSTRAINT "webhook_attempts_delivery_id_attempt_pk" PRIMARY KEY("delivery_id","attempt")
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"id" text PRIMARY KEY NOT NULL,
	"endpoint_id" text NOT NULL,
	"event" text NOT NULL,
	"body" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "webhook_deliveries_status_check" CHECK ("webhook_deliveries"."status" in ('pending', 'delivered', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"url" text NOT NULL,
	"events" text[] NOT NULL,
	"secret" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "application_evidence" ADD CONSTRAINT "application_evidence_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_skills" ADD CONSTRAINT "application_skills_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "application_status_entries" ADD CONSTRAINT "application_status_entries_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_webhook_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."webhook_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "application_evidence_digest_idx" ON "application_evidence" USING btree ("digest");--> statement-breakpoint
CREATE INDEX "application_evidence_opening_idx" ON "application_evidence" USING btree ("opening_id");--> statement-breakpoint
CREATE INDEX "application_skills_opening_skill_idx" ON "application_skills" USING btree ("opening_id","skill");--> statement-breakpoint
CREATE INDEX "application_skills_application_idx" ON "application_skills" USING btree ("application_id","position");--> statement-breakpoint
CREATE INDEX "application_status_entries_bit_idx" ON "application_status_entries" USING btree ("status_list_url","status_index");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due_idx" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint_idx" ON "webhook_deliveries" USING btree ("endpoint_id","created_at");--> statement-breakpoint
CREATE INDEX "webhook_endpoints_organisation_idx" ON "webhook_endpoints" USING btree ("organisation_id");