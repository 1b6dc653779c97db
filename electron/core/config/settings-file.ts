// Local settings (which store, how to reach it) live beside the cache, not in it: the cache can be
// deleted and rebuilt from the store at any time, the settings must survive that.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { fieldMappingSchema } from '../sources/field-mapping';

const settingsSchema = z.object({
  storeUrl: z.string().min(1).optional(),
  isDemo: z.boolean().optional(),
  pollIntervalMs: z.number().int().min(1000).max(3_600_000).optional(),
  /** TensorBoard and MLflow stores: which param or tag gives params, tokens, flops, group, ablation, variant, seed. */
  fieldMapping: fieldMappingSchema.optional(),
  /** Private key file for sftp:// stores (otherwise ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa). */
  sshKeyFile: z.string().min(1).optional(),
  /** Sources set up in the app (Settings page); storeUrl and fieldMapping say which one the cache mirrors. */
  sources: z
    .array(z.object({ id: z.string().min(1), name: z.string().min(1), url: z.string().min(1), fieldMapping: fieldMappingSchema.optional() }).strict())
    .optional(),
  /** The desktop app works on this team server (its origin) instead of syncing a store itself. */
  teamServer: z.string().url().optional(),
});

export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(file: string): Settings {
  if (!fs.existsSync(file)) return {};
  const text = fs.readFileSync(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message}). Fix or delete the file.`);
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}.`);
  }
  return parsed.data;
}

/** Written to a temporary file and renamed, so a crash never leaves half a settings file. */
export function writeSettings(file: string, settings: Settings): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, `${JSON.stringify(settings, null, 2)}\n`);
  fs.renameSync(temp, file);
}
