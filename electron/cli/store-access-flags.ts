// The flags that say how to reach and read a store, shared by `sync` and `serve`:
//   --map params=params.n_params,tokens=tags.tokens   (repeatable; TensorBoard, MLflow and W&B stores)
//   --ssh-key FILE                                    (sftp:// stores)
//   --known-hosts FILE                                (sftp:// stores; repeatable)
import type { StoreAccessOptions } from '../core/config/store-access';
import { fieldMappingSchema, mappingFieldProblems, type FieldMapping } from '../core/sources/field-mapping';
import { parseStoreUrl, StoreUrlError, type StoreFormat } from '../core/store-access/store-url';
import { CliUsageError, type CliOptions } from './cli-command';

const TARGETS = Object.keys(fieldMappingSchema.shape) as Array<keyof FieldMapping>;

export const storeAccessOptions: CliOptions = {
  map: { type: 'string', multiple: true },
  'ssh-key': { type: 'string' },
  'known-hosts': { type: 'string', multiple: true },
};

export const storeAccessHelp = [
  '--map T=FIELD,…     TensorBoard/MLflow/W&B field mapping, e.g. params=params.n_params,tokens=tags.tokens,ablation=tags.ablation',
  `                    (T: ${TARGETS.join(', ')}; MLflow fields params.*, tags.*, experiment.*, run.*; TensorBoard hparams.*, path, path.N;`,
  '                    W&B config.*, summary.*, run.*)',
  '--ssh-key FILE      private key for sftp:// stores (default: ssh-agent, then ~/.ssh/id_ed25519, id_ecdsa, id_rsa)',
  '--known-hosts FILE  known_hosts to check the host key against (default ~/.ssh/known_hosts)',
];

function asList(value: unknown): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map(String) : [String(value)];
}

/** Parses --map values; undefined when none was given. */
export function parseMapFlag(values: unknown, format: StoreFormat): FieldMapping | undefined {
  const given = asList(values);
  if (given.length === 0) return undefined;
  if (format === 'labstore') {
    throw new CliUsageError('--map applies to tensorboard:…, mlflow:… and wandb:… stores; a lab store says params and tokens in run.json.');
  }
  const mapping: Record<string, string> = {};
  for (const pair of given.flatMap((v) => v.split(',')).map((p) => p.trim()).filter(Boolean)) {
    const eq = pair.indexOf('=');
    const target = eq < 0 ? pair : pair.slice(0, eq).trim();
    const field = eq < 0 ? '' : pair.slice(eq + 1).trim();
    if (!TARGETS.includes(target as keyof FieldMapping) || field === '') {
      throw new CliUsageError(`--map "${pair}": expected TARGET=FIELD such as params=params.n_params, with TARGET one of ${TARGETS.join(', ')}.`);
    }
    if (target in mapping) throw new CliUsageError(`--map gives ${target} twice ("${mapping[target]}" and "${field}").`);
    mapping[target] = field;
  }
  const parsed = fieldMappingSchema.parse(mapping);
  const problems = mappingFieldProblems(parsed, format);
  if (problems.length > 0) throw new CliUsageError(`--map ${problems[0]}.`);
  return parsed;
}

export function parseStoreAccessFlags(values: Record<string, unknown>, format: StoreFormat): StoreAccessOptions {
  const access: StoreAccessOptions = {};
  const fieldMapping = parseMapFlag(values.map, format);
  if (fieldMapping) access.fieldMapping = fieldMapping;
  if (typeof values['ssh-key'] === 'string') access.sshKeyFile = values['ssh-key'];
  const knownHosts = asList(values['known-hosts']);
  if (knownHosts.length > 0) access.knownHostsFiles = knownHosts;
  return access;
}

/** The format of a --store value, or a usage error that says what is wrong with it. */
export function storeFormatOf(storeUrl: string): StoreFormat {
  try {
    return parseStoreUrl(storeUrl).format;
  } catch (error) {
    if (error instanceof StoreUrlError) throw new CliUsageError(`--store ${error.message}`);
    throw error;
  }
}
