CREATE TABLE "challenges" (
	"challenge" text PRIMARY KEY NOT NULL,
	"domain" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"consumed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "trusted_issuers" (
	"did" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"scope" jsonb,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "challenges_expires_idx" ON "challenges" USING btree ("expires_at");