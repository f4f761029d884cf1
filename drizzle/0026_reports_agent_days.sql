-- Agent-time cells (docs/reports.md "Agent time cells"): concurrency and occupancy of the agent table
-- read per-day cells folded from the log instead of sweeping the log of the range.
CREATE TABLE "report_agent_day" (
	"workspace_id" uuid NOT NULL,
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"online_ms" bigint NOT NULL,
	"busy_ms" bigint NOT NULL,
	"chat_ms" bigint NOT NULL,
	CONSTRAINT "report_agent_day_workspace_id_day_agent_id_pk" PRIMARY KEY("workspace_id","day","agent_id")
);
--> statement-breakpoint
CREATE TABLE "report_agent_open" (
	"workspace_id" uuid NOT NULL,
	"conversation_id" uuid NOT NULL,
	"cycle" integer NOT NULL,
	"agent_id" uuid NOT NULL,
	"since" timestamp with time zone NOT NULL,
	CONSTRAINT "report_agent_open_workspace_id_conversation_id_cycle_pk" PRIMARY KEY("workspace_id","conversation_id","cycle")
);
--> statement-breakpoint
CREATE TABLE "report_agent_time" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"through" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_rollup_watermark" ADD COLUMN "agent_watermark" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_agent_day" ADD CONSTRAINT "report_agent_day_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_agent_open" ADD CONSTRAINT "report_agent_open_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_agent_time" ADD CONSTRAINT "report_agent_time_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
