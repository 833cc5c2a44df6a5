CREATE TABLE "holder_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"holder_id" text NOT NULL,
	"did" text NOT NULL,
	"algorithm" text NOT NULL,
	"public_key_multibase" text NOT NULL,
	"encrypted_secret_key" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "holder_keys_status_check" CHECK ("holder_keys"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "holder_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"family_id" text NOT NULL,
	"holder_id" text NOT NULL,
	"access_hash" text NOT NULL,
	"access_expires_at" timestamp with time zone NOT NULL,
	"refresh_hash" text NOT NULL,
	"refresh_expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"rotated_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "holders" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"failed_sign_ins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"holder_id" text NOT NULL,
	"source" text NOT NULL,
	"format" text NOT NULL,
	"secured" text NOT NULL,
	"digest" text NOT NULL,
	"credential_id" text,
	"issuer" text,
	"achievement_id" text,
	"name" text,
	"skills" text[] NOT NULL,
	"valid_until" timestamp with time zone,
	"status" text NOT NULL,
	"verification" jsonb NOT NULL,
	"checked_at" timestamp with time zone NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "holder_keys" ADD CONSTRAINT "holder_keys_holder_id_holders_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "holder_sessions" ADD CONSTRAINT "holder_sessions_holder_id_holders_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_credentials" ADD CONSTRAINT "wallet_credentials_holder_id_holders_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "holder_keys_holder_idx" ON "holder_keys" USING btree ("holder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "holder_keys_one_active_key" ON "holder_keys" USING btree ("holder_id") WHERE "holder_keys"."status" = 'active';--> statement-breakpoint
CREATE UNIQUE INDEX "holder_sessions_access_hash_key" ON "holder_sessions" USING btree ("access_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "holder_sessions_refresh_hash_key" ON "holder_sessions" USING btree ("refresh_hash");--> statement-breakpoint
CREATE INDEX "holder_sessions_family_idx" ON "holder_sessions" USING btree ("family_id");--> statement-breakpoint
CREATE UNIQUE INDEX "holders_email_key" ON "holders" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_credentials_holder_digest_key" ON "wallet_credentials" USING btree ("holder_id","digest");--> statement-breakpoint
CREATE INDEX "wallet_credentials_holder_added_idx" ON "wallet_credentials" USING btree ("holder_id","added_at");