CREATE TABLE "greeting_displays" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"visitor_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"body" text NOT NULL,
	"shown_at" timestamp with time zone DEFAULT now() NOT NULL,
	"conversation_id" uuid
);
--> statement-breakpoint
ALTER TABLE "greeting_displays" ADD CONSTRAINT "greeting_displays_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "greeting_displays" ADD CONSTRAINT "greeting_displays_visitor_id_visitors_id_fk" FOREIGN KEY ("visitor_id") REFERENCES "public"."visitors"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "greeting_displays" ADD CONSTRAINT "greeting_displays_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "greeting_displays_once" ON "greeting_displays" USING btree ("workspace_id","visitor_id","rule_id");
--> statement-breakpoint
CREATE INDEX "greeting_displays_rule_idx" ON "greeting_displays" USING btree ("workspace_id","rule_id");
