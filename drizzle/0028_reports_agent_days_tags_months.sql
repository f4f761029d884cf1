-- Reports at scale (docs/reports.md "Rollups"): agent-time cells (concurrency and occupancy of the agent
-- table), tag levels (cells per tag) and month cells. The existing cells have neither tags nor months, so
-- they are emptied and the watermarks reset: the worker's next folds rebuild them from the log (reports
-- stay exact meanwhile: they read the unfolded log as the tail). The histograms' primary key carries the
-- count (INCLUDE n), so merging a range's histograms is an index-only scan (their rows are spread over the
-- heap: a fold writes every level at once).
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
TRUNCATE "report_rollup", "report_rollup_hist", "report_rollup_hour", "report_rollup_zone";--> statement-breakpoint
UPDATE "report_rollup_watermark" SET "watermark" = 0;--> statement-breakpoint
ALTER TABLE "report_rollup" DROP CONSTRAINT "report_rollup_workspace_id_level_day_agent_id_group_id_channel_kind_pk";--> statement-breakpoint
ALTER TABLE "report_rollup_hist" DROP CONSTRAINT "report_rollup_hist_workspace_id_level_day_agent_id_group_id_channel_kind_wh_bucket_pk";--> statement-breakpoint
ALTER TABLE "report_rollup_hour" DROP CONSTRAINT "report_rollup_hour_workspace_id_level_hour_agent_id_group_id_channel_pk";--> statement-breakpoint
ALTER TABLE "report_rollup" ADD COLUMN "tag" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup_hist" ADD COLUMN "tag" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup_hour" ADD COLUMN "tag" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rollup" ADD CONSTRAINT "report_rollup_workspace_id_level_day_agent_id_group_id_channel_tag_kind_pk" PRIMARY KEY("workspace_id","level","day","agent_id","group_id","channel","tag","kind");--> statement-breakpoint
ALTER TABLE "report_rollup_hist" ADD CONSTRAINT "report_rollup_hist_workspace_id_level_day_agent_id_group_id_channel_tag_kind_wh_bucket_pk" PRIMARY KEY("workspace_id","level","day","agent_id","group_id","channel","tag","kind","wh","bucket") INCLUDE ("n");--> statement-breakpoint
ALTER TABLE "report_rollup_hour" ADD CONSTRAINT "report_rollup_hour_workspace_id_level_hour_agent_id_group_id_channel_tag_pk" PRIMARY KEY("workspace_id","level","hour","agent_id","group_id","channel","tag");--> statement-breakpoint
ALTER TABLE "report_rollup_watermark" ADD COLUMN "agent_watermark" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_agent_day" ADD CONSTRAINT "report_agent_day_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_agent_open" ADD CONSTRAINT "report_agent_open_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_agent_time" ADD CONSTRAINT "report_agent_time_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
