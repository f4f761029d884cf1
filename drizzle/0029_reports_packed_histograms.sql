-- Packed histograms (docs/reports.md "Packed histograms"): month-to-date histograms per cell key and day,
-- as bucket and count arrays, built by the fold's pack step from the existing day cells of report_rollup_hist
-- (no refold of the log: the first fold after this migration packs every completed day).
CREATE TABLE "report_pack_state" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"through" date NOT NULL,
	"dirty_from" date
);
--> statement-breakpoint
CREATE TABLE "report_rollup_packed" (
	"workspace_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"day" date NOT NULL,
	"agent_id" uuid NOT NULL,
	"group_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"tag" text DEFAULT '' NOT NULL,
	"kind" text NOT NULL,
	"wh" boolean NOT NULL,
	"buckets" integer[] NOT NULL,
	"counts" bigint[] NOT NULL,
	CONSTRAINT "report_rollup_packed_workspace_id_level_day_agent_id_group_id_channel_tag_kind_wh_pk" PRIMARY KEY("workspace_id","level","day","agent_id","group_id","channel","tag","kind","wh")
);
--> statement-breakpoint
ALTER TABLE "report_pack_state" ADD CONSTRAINT "report_pack_state_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_rollup_packed" ADD CONSTRAINT "report_rollup_packed_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;