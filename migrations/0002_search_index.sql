-- Full-text search over what the team wrote and ran: proposals, decisions, comments, ablations, runs.
-- search_docs names each indexed row (kind, ref → doc); search_index holds its text (title, body, meta) under
-- rowid = doc; search_source says which text of each source row is indexed. Triggers on the source tables keep
-- the index current inside the sync's own transactions, so it is exactly as crash-safe as the rows it mirrors.
-- No trigger on points; the runs update trigger fires only for the columns it indexes (never for last_step or
-- point_count, which every metrics append writes). Insert triggers first drop an earlier entry of the same key:
-- the sync upserts with INSERT OR REPLACE, whose implicit delete fires no delete trigger (recursive_triggers off).
-- U+E000/U+E001 mark highlights in query results (electron/core/queries/search), so indexed text loses them.
CREATE TABLE `search_docs` (
	`doc` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`ref` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `search_docs_kind_ref` ON `search_docs` (`kind`, `ref`);
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(title, body, meta, tokenize = 'porter unicode61');
--> statement-breakpoint
CREATE VIEW `search_source` AS
SELECT 'proposal' AS kind, id AS ref,
  replace(replace(coalesce(title, ''), char(57344), ''), char(57345), '') AS title,
  replace(replace(body, char(57344), ''), char(57345), '') AS body,
  replace(replace(concat_ws(' ', id, (SELECT group_concat(replace(substr(j.fullkey, 3), '"', '') || ' ' || j.atom, ' ') FROM json_tree(CASE WHEN json_valid(front_matter_json) THEN front_matter_json ELSE '{}' END) AS j WHERE j.atom IS NOT NULL AND j.fullkey IS NOT '$.title')), char(57344), ''), char(57345), '') AS meta
FROM proposals
UNION ALL
SELECT CASE type WHEN 'decision' THEN 'decision' ELSE 'comment' END, id,
  '',
  replace(replace(coalesce(json_extract(CASE WHEN json_valid(payload_json) THEN payload_json ELSE '{}' END, CASE type WHEN 'decision' THEN '$.rationale' ELSE '$.text' END), ''), char(57344), ''), char(57345), ''),
  replace(replace(concat_ws(' ', type, json_extract(CASE WHEN json_valid(payload_json) THEN payload_json ELSE '{}' END, '$.decision'), author, target), char(57344), ''), char(57345), '')
FROM events WHERE type IN ('decision', 'comment')
UNION ALL
SELECT 'ablation', id,
  replace(replace(coalesce(title, ''), char(57344), ''), char(57345), ''),
  replace(replace(coalesce(question, ''), char(57344), ''), char(57345), ''),
  replace(replace(concat_ws(' ', id, owner, metric, baseline, proposal), char(57344), ''), char(57345), '')
FROM ablations
UNION ALL
SELECT 'run', id,
  replace(replace(coalesce(name, ''), char(57344), ''), char(57345), ''),
  replace(replace(coalesce((SELECT group_concat(replace(substr(j.fullkey, 3), '"', '') || ' ' || j.atom, ' ') FROM json_tree(CASE WHEN json_valid(config_json) THEN config_json ELSE '{}' END) AS j WHERE j.atom IS NOT NULL), ''), char(57344), ''), char(57345), ''),
  replace(replace(concat_ws(' ', id, group_name, owner, ablation, variant, proposal, arch, mixture, accelerator, (SELECT group_concat(t.value, ' ') FROM json_each(CASE WHEN json_valid(tags_json) THEN tags_json ELSE '[]' END) AS t WHERE t.atom IS NOT NULL)), char(57344), ''), char(57345), '')
FROM runs;
--> statement-breakpoint
CREATE TRIGGER `search_proposals_insert` AFTER INSERT ON `proposals`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('proposal') AND ref = NEW.id);
  DELETE FROM search_docs WHERE kind IN ('proposal') AND ref = NEW.id;
  INSERT INTO search_docs (kind, ref) SELECT 'proposal', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'proposal' AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_proposals_update` AFTER UPDATE OF `id`, `title`, `body`, `front_matter_json` ON `proposals`
WHEN OLD.`id` IS NOT NEW.`id` OR OLD.`title` IS NOT NEW.`title` OR OLD.`body` IS NOT NEW.`body` OR OLD.`front_matter_json` IS NOT NEW.`front_matter_json`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('proposal') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('proposal') AND ref = OLD.id;
  INSERT INTO search_docs (kind, ref) SELECT 'proposal', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'proposal' AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_proposals_delete` AFTER DELETE ON `proposals`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('proposal') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('proposal') AND ref = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_ablations_insert` AFTER INSERT ON `ablations`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('ablation') AND ref = NEW.id);
  DELETE FROM search_docs WHERE kind IN ('ablation') AND ref = NEW.id;
  INSERT INTO search_docs (kind, ref) SELECT 'ablation', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'ablation' AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_ablations_update` AFTER UPDATE OF `id`, `title`, `question`, `owner`, `metric`, `baseline`, `proposal` ON `ablations`
WHEN OLD.`id` IS NOT NEW.`id` OR OLD.`title` IS NOT NEW.`title` OR OLD.`question` IS NOT NEW.`question` OR OLD.`owner` IS NOT NEW.`owner` OR OLD.`metric` IS NOT NEW.`metric` OR OLD.`baseline` IS NOT NEW.`baseline` OR OLD.`proposal` IS NOT NEW.`proposal`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('ablation') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('ablation') AND ref = OLD.id;
  INSERT INTO search_docs (kind, ref) SELECT 'ablation', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'ablation' AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_ablations_delete` AFTER DELETE ON `ablations`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('ablation') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('ablation') AND ref = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_runs_insert` AFTER INSERT ON `runs`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('run') AND ref = NEW.id);
  DELETE FROM search_docs WHERE kind IN ('run') AND ref = NEW.id;
  INSERT INTO search_docs (kind, ref) SELECT 'run', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'run' AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_runs_update` AFTER UPDATE OF `id`, `name`, `group_name`, `owner`, `ablation`, `variant`, `proposal`, `arch`, `mixture`, `accelerator`, `config_json`, `tags_json` ON `runs`
WHEN OLD.`id` IS NOT NEW.`id` OR OLD.`name` IS NOT NEW.`name` OR OLD.`group_name` IS NOT NEW.`group_name` OR OLD.`owner` IS NOT NEW.`owner` OR OLD.`ablation` IS NOT NEW.`ablation` OR OLD.`variant` IS NOT NEW.`variant` OR OLD.`proposal` IS NOT NEW.`proposal` OR OLD.`arch` IS NOT NEW.`arch` OR OLD.`mixture` IS NOT NEW.`mixture` OR OLD.`accelerator` IS NOT NEW.`accelerator` OR OLD.`config_json` IS NOT NEW.`config_json` OR OLD.`tags_json` IS NOT NEW.`tags_json`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('run') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('run') AND ref = OLD.id;
  INSERT INTO search_docs (kind, ref) SELECT 'run', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'run' AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_runs_delete` AFTER DELETE ON `runs`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('run') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('run') AND ref = OLD.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_events_insert` AFTER INSERT ON `events`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('decision', 'comment') AND ref = NEW.id);
  DELETE FROM search_docs WHERE kind IN ('decision', 'comment') AND ref = NEW.id;
  INSERT INTO search_docs (kind, ref) SELECT CASE NEW.type WHEN 'decision' THEN 'decision' ELSE 'comment' END, NEW.id WHERE NEW.type IN ('decision', 'comment');
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = CASE NEW.type WHEN 'decision' THEN 'decision' ELSE 'comment' END AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_events_update` AFTER UPDATE ON `events`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('decision', 'comment') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('decision', 'comment') AND ref = OLD.id;
  INSERT INTO search_docs (kind, ref) SELECT CASE NEW.type WHEN 'decision' THEN 'decision' ELSE 'comment' END, NEW.id WHERE NEW.type IN ('decision', 'comment');
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = CASE NEW.type WHEN 'decision' THEN 'decision' ELSE 'comment' END AND s.ref = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `search_events_delete` AFTER DELETE ON `events`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('decision', 'comment') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('decision', 'comment') AND ref = OLD.id;
END;
--> statement-breakpoint
INSERT INTO search_docs (kind, ref) SELECT kind, ref FROM search_source;
--> statement-breakpoint
INSERT INTO search_index (rowid, title, body, meta)
  SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref;
