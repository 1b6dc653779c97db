// Methods of the Settings page: the sources Tessera can sync (a lab store, TensorBoard, MLflow, W&B;
// on this machine or over SFTP), which one the cache mirrors, each source's field mapping with a live
// preview, the SSH key, and trusting an SFTP host's key after its fingerprint was shown.
import { z } from 'zod';
import type { SyncProgressInfo } from './app-methods';
import { defineMethod } from './define-method';

export const SOURCE_FORMATS = ['labstore', 'tensorboard', 'mlflow', 'wandb'] as const;
export type SourceFormatName = (typeof SOURCE_FORMATS)[number];
export const MAPPING_TARGETS = ['params', 'tokens', 'flops', 'group', 'ablation', 'variant', 'seed'] as const;
export type MappingTarget = (typeof MAPPING_TARGETS)[number];

const sourceField = z.string().trim().min(1).max(500);
export const fieldMappingInput = z.object(Object.fromEntries(MAPPING_TARGETS.map((t) => [t, sourceField.optional()])) as Record<MappingTarget, z.ZodOptional<typeof sourceField>>).strict();
export type FieldMappingInput = Partial<Record<MappingTarget, string>>;

export interface SavedSource {
  id: string;
  name: string;
  /** The store URL as the CLI takes it: a folder, file://, sftp://…, with tensorboard:, mlflow: or wandb: in front. */
  url: string;
  format: SourceFormatName;
  location: 'local' | 'sftp';
  fieldMapping: FieldMappingInput;
  /** The cache mirrors this source now. */
  active: boolean;
}

export interface SourceSettingsView {
  /** The source the cache mirrors (given on the command line, or chosen here). */
  active: { url: string; format: SourceFormatName; location: 'local' | 'sftp'; name: string; isDemo: boolean; fieldMapping: FieldMappingInput; savedId: string | null };
  sources: SavedSource[];
  sshKeyFile: string | null;
  knownHostsFiles: string[];
  /** Field names a mapping may start with, per format. */
  fieldPrefixes: Record<Exclude<SourceFormatName, 'labstore'>, string[]>;
  sync: SyncProgressInfo;
  issues: number;
  lastSyncAt: string | null;
}

export interface MappingPreview {
  format: SourceFormatName;
  /** Mapping entries that can never match in this format; nothing is applied while there are any. */
  problems: string[];
  totalRuns: number;
  runs: Array<{
    id: string;
    name: string | null;
    group: string | null;
    params: number | null;
    tokens: number | null;
    flops: number | null;
    ablation: string | null;
    variant: string | null;
    seed: number | null;
    problems: string[];
  }>;
  /** Scaling ladders: runs per group, and how many of them have both N and D (what a fit needs). */
  groups: Array<{ group: string; runs: number; withScale: number }>;
  ablations: Array<{ ablation: string; variant: string | null; runs: number }>;
  /** The fields the source's runs offer, most common first. */
  fields: Array<{ name: string; runs: number }>;
}

export type HostKeyCheck =
  | { kind: 'trusted'; host: string; fingerprint: string; where: string }
  | { kind: 'unknown'; host: string; fingerprint: string; keyType: string }
  | { kind: 'changed'; host: string; fingerprint: string; known: string[] }
  | { kind: 'revoked'; host: string; fingerprint: string; where: string }
  | { kind: 'mismatch'; host: string; fingerprint: string; given: string }
  | { kind: 'added'; host: string; fingerprint: string; file: string };

const sourceId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
const storeUrl = z.string().trim().min(1).max(4096);

export const sourcesMethods = {
  getSourceSettings: defineMethod<SourceSettingsView>()({ input: z.object({}).strict() }),
  saveSource: defineMethod<SourceSettingsView>()({
    input: z.object({ id: sourceId.optional(), name: z.string().trim().min(1).max(200), url: storeUrl, fieldMapping: fieldMappingInput.default({}) }).strict(),
    writes: true,
  }),
  removeSource: defineMethod<SourceSettingsView>()({ input: z.object({ id: sourceId }).strict(), writes: true }),
  /** The cache mirrors this source from now on: the sync starts over with it. */
  useSource: defineMethod<SourceSettingsView>()({ input: z.object({ id: sourceId }).strict(), writes: true }),
  /** The mapping applied to the runs of the source the cache mirrors, without saving it. */
  previewFieldMapping: defineMethod<MappingPreview>()({ input: z.object({ fieldMapping: fieldMappingInput }).strict() }),
  setSshKeyFile: defineMethod<SourceSettingsView>()({ input: z.object({ file: z.string().trim().min(1).max(4096).nullable() }).strict(), writes: true }),
  /** The key an SFTP source's host presents, its SHA256 fingerprint, and whether known_hosts trusts it. */
  checkHostKey: defineMethod<HostKeyCheck>()({ input: z.object({ url: storeUrl }).strict() }),
  /** Adds the host's key to known_hosts when it still has the fingerprint the user was shown. */
  trustHostKey: defineMethod<HostKeyCheck>()({
    input: z.object({ url: storeUrl, fingerprint: z.string().trim().regex(/^SHA256:[A-Za-z0-9+/]{43}=?$/, 'a SHA256 fingerprint as ssh-keygen -l prints it') }).strict(),
    writes: true,
  }),
};
