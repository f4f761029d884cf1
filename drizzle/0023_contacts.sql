-- Issue 21 item 7: contacts who gave only name and email become customers keyed by email (partner_id null).
ALTER TABLE "customers" ALTER COLUMN "partner_id" DROP NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX IF NOT EXISTS "customers_ws_contact_email_unique" ON "customers" USING btree ("workspace_id",lower("email")) WHERE "customers"."partner_id" is null;
