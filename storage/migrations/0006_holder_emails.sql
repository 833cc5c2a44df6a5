CREATE TABLE "holder_emails" (
	"id" text PRIMARY KEY NOT NULL,
	"holder_id" text NOT NULL,
	"email" text NOT NULL,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"failed_attempts" integer DEFAULT 0 NOT NULL,
	"proven_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "holder_emails" ADD CONSTRAINT "holder_emails_holder_id_holders_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "holder_emails_holder_email_key" ON "holder_emails" USING btree ("holder_id","email");--> statement-breakpoint
CREATE UNIQUE INDEX "holder_emails_one_prover" ON "holder_emails" USING btree ("email") WHERE "holder_emails"."proven_at" is not null;--> statement-breakpoint
CREATE INDEX "holder_emails_holder_idx" ON "holder_emails" USING btree ("holder_id");