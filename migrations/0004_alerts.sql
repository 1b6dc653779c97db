CREATE TABLE `alert_preferences` (
	`person` text PRIMARY KEY NOT NULL,
	`own_runs` integer DEFAULT true NOT NULL,
	`quiet_minutes` integer DEFAULT 60 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `alerts` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_id` text NOT NULL,
	`metric` text DEFAULT '' NOT NULL,
	`rule` text NOT NULL,
	`step` integer NOT NULL,
	`value` real,
	`level` real,
	`threshold` real,
	`detail_json` text DEFAULT '{}' NOT NULL,
	`point_time` real,
	`fired_at` text NOT NULL,
	`live` integer NOT NULL,
	`superseded` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `alerts_key_unique` ON `alerts` (`run_id`,`metric`,`rule`,`step`);--> statement-breakpoint
CREATE INDEX `alerts_fired_idx` ON `alerts` (`fired_at`);--> statement-breakpoint
CREATE TABLE `watches` (
	`person` text NOT NULL,
	`kind` text NOT NULL,
	`target` text NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`person`, `kind`, `target`)
);
