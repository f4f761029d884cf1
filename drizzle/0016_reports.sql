CREATE TABLE "report_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid,
	"cycle" integer,
	"kind" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"agent_id" uuid,
	"group_id" uuid,
	"channel" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"value_s" double precision,
	"value_wh_s" double precision,
	"flag" boolean,
	"weight" smallint DEFAULT 1 NOT NULL,
	"detail" text
);
--> statement-breakpoint
CREATE TABLE "report_state" (
	"conversation_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"cycle" integer DEFAULT 1 NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"in_hours" boolean NOT NULL,
	"queued_at" timestamp with time zone,
	"first_assigned_at" timestamp with time zone,
	"holder_since" timestamp with time zone,
	"holder_replied" boolean DEFAULT false NOT NULL,
	"replied" boolean DEFAULT false NOT NULL,
	"pending_since" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "report_events" ADD CONSTRAINT "report_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_state" ADD CONSTRAINT "report_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "report_events_ws_kind_at_idx" ON "report_events" USING btree ("workspace_id","kind","at");--> statement-breakpoint
CREATE INDEX "report_events_conv_idx" ON "report_events" USING btree ("conversation_id","cycle");