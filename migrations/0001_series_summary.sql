CREATE TABLE `series_summaries` (
	`series_pk` integer PRIMARY KEY NOT NULL,
	`generation` integer NOT NULL,
	`point_count` integer NOT NULL,
	`level_count` integer NOT NULL,
	`totals` blob NOT NULL,
	FOREIGN KEY (`series_pk`) REFERENCES `series`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `series_summary_chunks` (
	`series_pk` integer NOT NULL,
	`level` integer NOT NULL,
	`chunk` integer NOT NULL,
	`end_step` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`series_pk`, `level`, `chunk`),
	FOREIGN KEY (`series_pk`) REFERENCES `series`(`pk`) ON UPDATE no action ON DELETE cascade
);
