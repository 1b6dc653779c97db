CREATE TABLE `logged_entries` (
	`series_pk` integer NOT NULL,
	`seq` integer NOT NULL,
	`step` integer NOT NULL,
	`time` real,
	`value` blob,
	PRIMARY KEY(`series_pk`, `seq`),
	FOREIGN KEY (`series_pk`) REFERENCES `series`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `runs` ADD `source_fields_json` text;