CREATE TABLE "achievements" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"issuer_id" text NOT NULL,
	"body" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_id" text NOT NULL,
	"achievement_id" text,
	"format" text NOT NULL,
	"secured" text NOT NULL,
	"digest" text NOT NULL,
	"recipient" text,
	"idempotency_key" text,
	"request_hash" text,
	"revocation_list_id" text NOT NULL,
	"revocation_index" integer NOT NULL,
	"suspension_list_id" text NOT NULL,
	"suspension_index" integer NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"issued_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"suspended" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issuers" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"did" text NOT NULL,
	"did_method" text NOT NULL,
	"profile" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "keys" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"algorithm" text NOT NULL,
	"public_key_multibase" text NOT NULL,
	"encrypted_secret_key" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"retired_at" timestamp with time zone,
	CONSTRAINT "keys_status_check" CHECK ("keys"."status" in ('active', 'retired'))
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "status_entries" (
	"list_id" text NOT NULL,
	"idx" integer NOT NULL,
	"credential_id" text NOT NULL,
	"set" boolean DEFAULT false NOT NULL,
	CONSTRAINT "status_entries_pkey" PRIMARY KEY("list_id","idx"),
	CONSTRAINT "status_entries_idx_check" CHECK ("status_entries"."idx" >= 0)
);
--> statement-breakpoint
CREATE TABLE "status_lists" (
	"id" text PRIMARY KEY NOT NULL,
	"issuer_id" text NOT NULL,
	"purpose" text NOT NULL,
	"length" integer NOT NULL,
	"allocated" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"signed" text,
	"signed_version" integer,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "status_lists_allocated_check" CHECK ("status_lists"."allocated" >= 0 and "status_lists"."allocated" <= "status_lists"."length")
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" text PRIMARY KEY NOT NULL,
	"label" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" text[] NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_revocation_list_id_status_lists_id_fk" FOREIGN KEY ("revocation_list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credentials" ADD CONSTRAINT "credentials_suspension_list_id_status_lists_id_fk" FOREIGN KEY ("suspension_list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "keys" ADD CONSTRAINT "keys_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_entries" ADD CONSTRAINT "status_entries_list_id_status_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "status_lists" ADD CONSTRAINT "status_lists_issuer_id_issuers_id_fk" FOREIGN KEY ("issuer_id") REFERENCES "public"."issuers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "achievements_slug_key" ON "achievements" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "achievements_issuer_idx" ON "achievements" USING btree ("issuer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_idempotency_key" ON "credentials" USING btree ("issuer_id","idempotency_key") WHERE "credentials"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "credentials_issuer_idx" ON "credentials" USING btree ("issuer_id");--> statement-breakpoint
CREATE INDEX "credentials_recipient_idx" ON "credentials" USING btree ("recipient");--> statement-breakpoint
CREATE UNIQUE INDEX "issuers_slug_key" ON "issuers" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "issuers_did_key" ON "issuers" USING btree ("did");--> statement-breakpoint
CREATE INDEX "keys_issuer_idx" ON "keys" USING btree ("issuer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "keys_one_active_key" ON "keys" USING btree ("issuer_id","purpose","algorithm") WHERE "keys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "status_entries_set_idx" ON "status_entries" USING btree ("list_id","idx") WHERE "status_entries"."set";--> statement-breakpoint
CREATE INDEX "status_lists_open_idx" ON "status_lists" USING btree ("issuer_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "tokens_hash_key" ON "tokens" USING btree ("hash");