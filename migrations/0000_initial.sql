CREATE TABLE `ablations` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text,
	`question` text,
	`proposal` text,
	`owner` text,
	`metric` text,
	`compare_at` text DEFAULT 'tokens' NOT NULL,
	`baseline` text,
	`raw_json` text NOT NULL,
	`file` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `areas` (
	`name` text PRIMARY KEY NOT NULL,
	`ord` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `cache_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `eval_suites` (
	`prefix` text PRIMARY KEY NOT NULL,
	`name` text,
	`kind` text
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`author` text,
	`type` text NOT NULL,
	`target` text,
	`payload_json` text NOT NULL,
	`file` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_target_idx` ON `events` (`target`,`type`);--> statement-breakpoint
CREATE INDEX `events_at_idx` ON `events` (`at`);--> statement-breakpoint
CREATE TABLE `fit_exclusions` (
	`scope` text NOT NULL,
	`run_id` text NOT NULL,
	`reason` text,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`scope`, `run_id`)
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text,
	`area` text,
	`raw_json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `phases` (
	`name` text PRIMARY KEY NOT NULL,
	`start` text NOT NULL,
	`end` text NOT NULL,
	`target_exploratory` real,
	`ord` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `points` (
	`series_pk` integer NOT NULL,
	`step` integer NOT NULL,
	`tokens` real,
	`time` real,
	`value` real,
	PRIMARY KEY(`series_pk`, `step`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text,
	`owner` text,
	`area` text,
	`kind` text,
	`declared_status` text,
	`status` text,
	`created` text,
	`people_json` text DEFAULT '[]' NOT NULL,
	`compute_budget_json` text,
	`expected_json` text,
	`declared_complexity_json` text,
	`complexity_json` text,
	`front_matter_json` text NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	`file` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `proposals_status_idx` ON `proposals` (`status`);--> statement-breakpoint
CREATE TABLE `runs` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`name` text,
	`created_at` text NOT NULL,
	`owner` text,
	`group_name` text,
	`ablation` text,
	`variant` text,
	`seed` integer,
	`proposal` text,
	`params` real,
	`non_embedding_params` real,
	`active_params` real,
	`arch` text,
	`tokens` real,
	`mixture` text,
	`flops` real,
	`flops_given` integer DEFAULT false NOT NULL,
	`accelerator` text,
	`chips` real,
	`chip_hours` real,
	`config_json` text DEFAULT '{}' NOT NULL,
	`tags_json` text DEFAULT '[]' NOT NULL,
	`raw_json` text NOT NULL,
	`state` text,
	`state_updated_at` text,
	`state_message` text,
	`last_step` integer,
	`last_tokens` real,
	`last_time` real,
	`point_count` integer DEFAULT 0 NOT NULL,
	`source` text DEFAULT 'labstore' NOT NULL,
	`synced_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `runs_id_unique` ON `runs` (`id`);--> statement-breakpoint
CREATE INDEX `runs_ablation_idx` ON `runs` (`ablation`,`variant`);--> statement-breakpoint
CREATE INDEX `runs_group_idx` ON `runs` (`group_name`);--> statement-breakpoint
CREATE INDEX `runs_proposal_idx` ON `runs` (`proposal`);--> statement-breakpoint
CREATE TABLE `series` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`run_pk` integer NOT NULL,
	`key` text NOT NULL,
	`point_count` integer DEFAULT 0 NOT NULL,
	`last_step` integer,
	`last_value` real,
	`non_finite_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`run_pk`) REFERENCES `runs`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `series_run_key_unique` ON `series` (`run_pk`,`key`);--> statement-breakpoint
CREATE INDEX `series_key_idx` ON `series` (`key`);--> statement-breakpoint
CREATE TABLE `sync_files` (
	`path` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`size` integer NOT NULL,
	`mtime_ms` real NOT NULL,
	`head_hash` text,
	`head_length` integer DEFAULT 0 NOT NULL,
	`offset` integer DEFAULT 0 NOT NULL,
	`line_no` integer DEFAULT 0 NOT NULL,
	`state_json` text
);
--> statement-breakpoint
CREATE TABLE `sync_issues` (
	`pk` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`path` text NOT NULL,
	`line` integer,
	`code` text NOT NULL,
	`message` text NOT NULL,
	`expected` text,
	`seen_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `sync_issues_path_idx` ON `sync_issues` (`path`);