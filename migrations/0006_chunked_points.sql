CREATE TABLE `point_chunks` (
	`series_pk` integer NOT NULL,
	`chunk` integer NOT NULL,
	`first_step` integer NOT NULL,
	`last_step` integer NOT NULL,
	`point_count` integer NOT NULL,
	`non_finite_count` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`series_pk`, `chunk`),
	FOREIGN KEY (`series_pk`) REFERENCES `series`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `point_chunks_last_step_idx` ON `point_chunks` (`series_pk`,`last_step`);--> statement-breakpoint
CREATE TABLE `run_axis_chunks` (
	`run_pk` integer NOT NULL,
	`chunk` integer NOT NULL,
	`first_step` integer NOT NULL,
	`last_step` integer NOT NULL,
	`point_count` integer NOT NULL,
	`data` blob NOT NULL,
	PRIMARY KEY(`run_pk`, `chunk`),
	FOREIGN KEY (`run_pk`) REFERENCES `runs`(`pk`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `run_axis_chunks_last_step_idx` ON `run_axis_chunks` (`run_pk`,`last_step`);