// Handlers of the Settings page: saved sources in the settings file, which one the cache mirrors
// (switching restarts the sync with it), a mapping preview over the cached runs, the SSH key, and
// host-key trust. A URL or mapping that cannot work is refused here with what is wrong, before it is saved.
import { ApiFailure } from '../../../shared/api/api-result';
import type { FieldMappingInput, HostKeyCheck, SavedSource, SourceSettingsView } from '../../../shared/api/sources-methods';
import type { Settings } from '../config/settings-file';
import { storeAccessOf } from '../config/store-access';
import { previewFieldMapping } from '../queries/mapping-preview';
import { SOURCE_FIELD_PREFIXES, mappingFieldProblems, type FieldMapping } from '../sources/field-mapping';
import { StoreUrlError, parseStoreUrl, type StoreUrl } from '../store-access/store-url';
import { defaultKnownHostsFiles } from '../store-access/ssh/open-sftp-session';
import { trustHost, type TrustHostOutcome } from '../store-access/ssh/trust-host';
import type { CoreDeps } from './core-deps';
import { countSyncIssues, readCacheState, type CacheStateKey } from '../queries/cache-overview';
import type { HandlerSlice } from './handlers';

type SourcesMethod = 'getSourceSettings' | 'saveSource' | 'removeSource' | 'useSource' | 'previewFieldMapping' | 'setSshKeyFile' | 'checkHostKey' | 'trustHostKey';

function parsedUrl(url: string): StoreUrl {
  try {
    return parseStoreUrl(url);
  } catch (error) {
    if (error instanceof StoreUrlError) throw new ApiFailure('validation', error.message);
    throw error;
  }
}

/** A mapping only makes sense for a foreign format, and only with fields that format has. */
function checkedMapping(url: StoreUrl, mapping: FieldMappingInput): FieldMapping {
  const entries = Object.entries(mapping).filter(([, field]) => field !== undefined && field !== '');
  if (entries.length === 0) return {};
  if (url.format === 'labstore') throw new ApiFailure('validation', 'A lab store says params and tokens in run.json: a field mapping applies to TensorBoard, MLflow and W&B sources.');
  const result = Object.fromEntries(entries) as FieldMapping;
  const problems = mappingFieldProblems(result, url.format);
  if (problems.length > 0) throw new ApiFailure('validation', `The field mapping cannot work: ${problems.join('; ')}.`);
  return result;
}

function knownHostsFiles(deps: CoreDeps): string[] {
  const given = deps.config.storeAccess?.knownHostsFiles;
  return given && given.length > 0 ? given : defaultKnownHostsFiles();
}

function view(deps: CoreDeps): SourceSettingsView {
  const settings = deps.settings.get();
  const activeUrl = parsedUrl(deps.config.storeUrl);
  const activeMapping = deps.config.storeAccess?.fieldMapping ?? {};
  const saved = settings.sources ?? [];
  const activeSaved = saved.find((s) => s.url === deps.config.storeUrl);
  const sources: SavedSource[] = saved.map((s) => {
    let format: SavedSource['format'] = 'labstore';
    let location: SavedSource['location'] = 'local';
    try {
      const url = parseStoreUrl(s.url);
      format = url.format;
      location = url.location.kind;
    } catch {
      // A hand-edited settings file: the page still lists it, and saving it again says what is wrong.
    }
    return { id: s.id, name: s.name, url: s.url, format, location, fieldMapping: s.fieldMapping ?? {}, active: s.id === activeSaved?.id };
  });
  const state = (key: CacheStateKey) => readCacheState(deps.cache.sqlite, key);
  return {
    active: {
      url: deps.config.storeUrl,
      format: activeUrl.format,
      location: activeUrl.location.kind,
      name: state('store_name') ?? (deps.config.isDemo ? 'Demo lab' : deps.config.storeUrl),
      isDemo: deps.config.isDemo,
      fieldMapping: activeMapping,
      savedId: activeSaved?.id ?? null,
    },
    sources,
    sshKeyFile: settings.sshKeyFile ?? null,
    knownHostsFiles: knownHostsFiles(deps),
    fieldPrefixes: SOURCE_FIELD_PREFIXES,
    sync: deps.sync.progress(),
    issues: countSyncIssues(deps.cache.sqlite),
    lastSyncAt: state('last_sync_at'),
  };
}

function nextId(name: string, taken: Set<string>): string {
  const base = name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|-+$/g, '').slice(0, 48) || 'source';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** The store access of a source: its mapping, with the SSH key and known_hosts the app was given. */
function accessFor(deps: CoreDeps, settings: Settings, mapping: FieldMapping) {
  return { ...storeAccessOf({ sshKeyFile: settings.sshKeyFile }, { knownHostsFiles: deps.config.storeAccess?.knownHostsFiles }), ...(Object.keys(mapping).length > 0 ? { fieldMapping: mapping } : {}) };
}

function sftpHost(url: string): { host: string; port: number } {
  const location = parsedUrl(url).location;
  if (location.kind !== 'sftp') throw new ApiFailure('validation', `${url} is not an sftp:// store: only an SFTP host has a key to trust.`);
  return { host: location.host, port: location.port };
}

/** What trusting (or only looking at) a host's key came to, as the page shows it. */
function hostKeyAnswer(host: string, port: number, outcome: TrustHostOutcome): HostKeyCheck {
  const name = port === 22 ? host : `[${host}]:${port}`;
  switch (outcome.kind) {
    case 'already-trusted':
      return { kind: 'trusted', host: name, fingerprint: outcome.fingerprint, where: outcome.where };
    case 'needs-confirmation':
      return { kind: 'unknown', host: name, fingerprint: outcome.fingerprint, keyType: outcome.keyType };
    case 'trusted':
      return { kind: 'added', host: name, fingerprint: outcome.fingerprint, file: outcome.file };
    case 'mismatch':
      return { kind: 'mismatch', host: name, fingerprint: outcome.fingerprint, given: outcome.given };
    case 'changed':
      return { kind: 'changed', host: name, fingerprint: outcome.fingerprint, known: outcome.known };
    case 'revoked':
      return { kind: 'revoked', host: name, fingerprint: outcome.fingerprint, where: outcome.where };
  }
}

export function createSourcesHandlers(deps: CoreDeps): HandlerSlice<SourcesMethod> {
  const changed = () => deps.emit({ type: 'data-changed', scopes: ['settings'], at: new Date().toISOString() });
  const saved = (id: string) => {
    const source = (deps.settings.get().sources ?? []).find((s) => s.id === id);
    if (!source) throw new ApiFailure('not-found', `No saved source "${id}".`);
    return source;
  };
  /** The cache mirrors `source` from now on: in the settings, and the sync starts over with it. */
  const mirror = async (source: { url: string; fieldMapping?: FieldMapping }, mapping: FieldMapping) => {
    const next = deps.settings.update({ storeUrl: source.url, isDemo: false, fieldMapping: source.fieldMapping });
    await deps.switchStore(source.url, accessFor(deps, next, mapping), false);
  };
  return {
    async getSourceSettings() {
      return view(deps);
    },
    async saveSource(input) {
      const url = parsedUrl(input.url);
      const mapping = checkedMapping(url, input.fieldMapping);
      const settings = deps.settings.get();
      const sources = [...(settings.sources ?? [])];
      const at = input.id === undefined ? -1 : sources.findIndex((s) => s.id === input.id);
      if (input.id !== undefined && at < 0) throw new ApiFailure('not-found', `No saved source "${input.id}".`);
      const entry = { id: input.id ?? nextId(input.name, new Set(sources.map((s) => s.id))), name: input.name, url: input.url.trim(), ...(Object.keys(mapping).length > 0 ? { fieldMapping: mapping } : {}) };
      const wasActive = at >= 0 && sources[at]!.url === deps.config.storeUrl;
      if (at >= 0) sources[at] = entry;
      else sources.push(entry);
      deps.settings.update({ sources });
      // Editing the source the cache mirrors takes effect now.
      if (wasActive) await mirror(entry, mapping);
      changed();
      return view(deps);
    },
    async removeSource(input) {
      const source = saved(input.id);
      if (source.url === deps.config.storeUrl) throw new ApiFailure('conflict', `"${source.name}" is the source the cache mirrors: use another one first.`);
      deps.settings.update({ sources: (deps.settings.get().sources ?? []).filter((s) => s.id !== input.id) });
      changed();
      return view(deps);
    },
    async useSource(input) {
      const source = saved(input.id);
      await mirror(source, checkedMapping(parsedUrl(source.url), source.fieldMapping ?? {}));
      changed();
      return view(deps);
    },
    async previewFieldMapping(input) {
      const url = parsedUrl(deps.config.storeUrl);
      if (url.format === 'labstore') throw new ApiFailure('validation', 'The cache mirrors a lab store, whose runs say their params and tokens in run.json: there is nothing to map.');
      const mapping = Object.fromEntries(Object.entries(input.fieldMapping).filter(([, f]) => f !== undefined && f !== '')) as FieldMapping;
      return previewFieldMapping(deps.cache.sqlite, url.format, mapping);
    },
    async setSshKeyFile(input) {
      const next = deps.settings.update({ sshKeyFile: input.file ?? undefined });
      if (parsedUrl(deps.config.storeUrl).location.kind === 'sftp') {
        await deps.switchStore(deps.config.storeUrl, accessFor(deps, next, deps.config.storeAccess?.fieldMapping ?? {}), deps.config.isDemo);
      }
      changed();
      return view(deps);
    },
    async checkHostKey(input) {
      const { host, port } = sftpHost(input.url);
      return hostKeyAnswer(host, port, await trustHost({ host, port, knownHostsFiles: knownHostsFiles(deps) }));
    },
    async trustHostKey(input) {
      const { host, port } = sftpHost(input.url);
      return hostKeyAnswer(host, port, await trustHost({ host, port, fingerprint: input.fingerprint, knownHostsFiles: knownHostsFiles(deps) }));
    },
  };
}
