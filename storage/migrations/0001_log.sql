CREATE TABLE "log_checkpoints" (
	"size" bigint PRIMARY KEY NOT NULL,
	"root" "bytea" NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_entries" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"leaf" "bytea" NOT NULL,
	"leaf_hash" "bytea" NOT NULL,
	"credential_digest" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "log_entries_idx_check" CHECK ("log_entries"."idx" >= 0)
);
--> statement-breakpoint
CREATE TABLE "log_subtrees" (
	"level" integer NOT NULL,
	"idx" bigint NOT NULL,
	"hash" "bytea" NOT NULL,
	CONSTRAINT "log_subtrees_pkey" PRIMARY KEY("level","idx"),
	CONSTRAINT "log_subtrees_level_check" CHECK ("log_subtrees"."level" >= 0 and "log_subtrees"."level" < 64)
);
--> statement-breakpoint
CREATE INDEX "log_entries_leaf_hash_idx" ON "log_entries" USING btree ("leaf_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "log_entries_issuance_digest_key" ON "log_entries" USING btree ("credential_digest") WHERE "log_entries"."credential_digest" is not null;