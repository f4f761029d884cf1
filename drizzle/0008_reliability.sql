ALTER TABLE "conversations" ADD COLUMN "queue_target" text;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "enqueued_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "conversations" ADD COLUMN "vip" boolean DEFAULT false NOT NULL;