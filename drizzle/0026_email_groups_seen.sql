-- F15: a submission's skill group (new-submission notifications), the widget language the site chose,
-- and the visitor's read marks (emails for agent messages left unseen).
CREATE TABLE "visitor_read_marks" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"seen_seq" integer DEFAULT 0 NOT NULL,
	"emailed_seq" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "submissions" ADD COLUMN "group_id" uuid;
--> statement-breakpoint
ALTER TABLE "visitor_devices" ADD COLUMN "widget_language" text;
--> statement-breakpoint
ALTER TABLE "visitor_read_marks" ADD CONSTRAINT "visitor_read_marks_conversation_id_conversations_id_fk" FOREIGN KEY ("conversation_id") REFERENCES "public"."conversations"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "visitor_read_marks" ADD CONSTRAINT "visitor_read_marks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "submissions" ADD CONSTRAINT "submissions_group_id_skill_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."skill_groups"("id") ON DELETE set null ON UPDATE no action;
