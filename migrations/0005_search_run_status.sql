-- A run's status message ("loss became NaN at step 4350") is searchable: it leads the run's body in
-- search_source, the runs update trigger also fires when it changes, and runs that already have one are
-- indexed again (in place: same docs, same rowids).
DROP VIEW `search_source`;
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
  replace(replace(concat_ws(' ', state_message, (SELECT group_concat(replace(substr(j.fullkey, 3), '"', '') || ' ' || j.atom, ' ') FROM json_tree(CASE WHEN json_valid(config_json) THEN config_json ELSE '{}' END) AS j WHERE j.atom IS NOT NULL)), char(57344), ''), char(57345), ''),
  replace(replace(concat_ws(' ', id, group_name, owner, ablation, variant, proposal, arch, mixture, accelerator, (SELECT group_concat(t.value, ' ') FROM json_each(CASE WHEN json_valid(tags_json) THEN tags_json ELSE '[]' END) AS t WHERE t.atom IS NOT NULL)), char(57344), ''), char(57345), '')
FROM runs;
--> statement-breakpoint
DROP TRIGGER `search_runs_update`;
--> statement-breakpoint
CREATE TRIGGER `search_runs_update` AFTER UPDATE OF `id`, `name`, `group_name`, `owner`, `ablation`, `variant`, `proposal`, `arch`, `mixture`, `accelerator`, `config_json`, `tags_json`, `state_message` ON `runs`
WHEN OLD.`id` IS NOT NEW.`id` OR OLD.`name` IS NOT NEW.`name` OR OLD.`group_name` IS NOT NEW.`group_name` OR OLD.`owner` IS NOT NEW.`owner` OR OLD.`ablation` IS NOT NEW.`ablation` OR OLD.`variant` IS NOT NEW.`variant` OR OLD.`proposal` IS NOT NEW.`proposal` OR OLD.`arch` IS NOT NEW.`arch` OR OLD.`mixture` IS NOT NEW.`mixture` OR OLD.`accelerator` IS NOT NEW.`accelerator` OR OLD.`config_json` IS NOT NEW.`config_json` OR OLD.`tags_json` IS NOT NEW.`tags_json` OR OLD.`state_message` IS NOT NEW.`state_message`
BEGIN
  DELETE FROM search_index WHERE rowid = (SELECT doc FROM search_docs WHERE kind IN ('run') AND ref = OLD.id);
  DELETE FROM search_docs WHERE kind IN ('run') AND ref = OLD.id;
  INSERT INTO search_docs (kind, ref) SELECT 'run', NEW.id;
  INSERT INTO search_index (rowid, title, body, meta)
    SELECT d.doc, s.title, s.body, s.meta FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref
    WHERE s.kind = 'run' AND s.ref = NEW.id;
END;
--> statement-breakpoint
UPDATE search_index SET body = (
  SELECT s.body FROM search_source AS s JOIN search_docs AS d ON d.kind = s.kind AND d.ref = s.ref WHERE d.doc = search_index.rowid
)
WHERE rowid IN (
  SELECT d.doc FROM search_docs AS d JOIN runs AS r ON r.id = d.ref WHERE d.kind = 'run' AND coalesce(r.state_message, '') <> ''
);
