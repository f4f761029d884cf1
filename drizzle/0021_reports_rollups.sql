CREATE TABLE "report_rollup" (
	"workspace_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"n" bigint NOT NULL,
	"n_flag" bigint NOT NULL,
	"n_reopen" bigint NOT NULL,
	"nv" bigint NOT NULL,
	"sum_v" double precision NOT NULL,
	"sum_wh" double precision NOT NULL,
	CONSTRAINT "report_rollup_workspace_id_level_day_agent_id_group_id_channel_kind_pk" PRIMARY KEY("workspace_id","level","day","agent_id","group_id","channel","kind")
);
--> statement-breakpoint
CREATE TABLE "report_rollup_hist" (
	"workspace_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"kind" text NOT NULL,
	"wh" boolean NOT NULL,
	"bucket" integer NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "report_rollup_hist_workspace_id_level_day_agent_id_group_id_channel_kind_wh_bucket_pk" PRIMARY KEY("workspace_id","level","day","agent_id","group_id","channel","kind","wh","bucket")
);
--> statement-breakpoint
CREATE TABLE "report_rollup_hour" (
	"workspace_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"agent_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "report_rollup_hour_workspace_id_level_hour_agent_id_group_id_channel_pk" PRIMARY KEY("workspace_id","level","hour","agent_id","group_id","channel")
);
--> statement-breakpoint
CREATE TABLE "report_rollup_watermark" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"watermark" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_rollup_zone" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"tz" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "report_rollup" ADD CONSTRAINT "report_rollup_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rollup_hist" ADD CONSTRAINT "report_rollup_hist_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rollup_hour" ADD CONSTRAINT "report_rollup_hour_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rollup_zone" ADD CONSTRAINT "report_rollup_zone_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
