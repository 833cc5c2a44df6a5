CREATE TABLE "wallet_share_accesses" (
	"id" text PRIMARY KEY NOT NULL,
	"share_id" text NOT NULL,
	"accessed_at" timestamp with time zone NOT NULL,
	"audience" text,
	"user_agent_hash" text,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wallet_shares" (
	"id" text PRIMARY KEY NOT NULL,
	"holder_id" text NOT NULL,
	"token_hash" text NOT NULL,
	"credential_ids" text[] NOT NULL,
	"audience" text,
	"max_views" integer,
	"views" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "wallet_shares_max_views_check" CHECK ("wallet_shares"."max_views" is null or "wallet_shares"."max_views" > 0)
);
--> statement-breakpoint
ALTER TABLE "wallet_share_accesses" ADD CONSTRAINT "wallet_share_accesses_share_id_wallet_shares_id_fk" FOREIGN KEY ("share_id") REFERENCES "public"."wallet_shares"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_shares" ADD CONSTRAINT "wallet_shares_holder_id_holders_id_fk" FOREIGN KEY ("holder_id") REFERENCES "public"."holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wallet_share_accesses_share_idx" ON "wallet_share_accesses" USING btree ("share_id","accessed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_shares_token_hash_key" ON "wallet_shares" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "wallet_shares_holder_created_idx" ON "wallet_shares" USING btree ("holder_id","created_at");