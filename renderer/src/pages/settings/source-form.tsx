// Adding or editing a source: what it is (lab store, TensorBoard, MLflow, W&B), where (this machine
// or an SFTP host), and for a foreign format its field mapping, previewed live on the runs of the
// source the cache mirrors. The core checks the URL and the mapping again when it is saved.
import { useState } from 'react';
import { MAPPING_TARGETS, SOURCE_FORMATS, type FieldMappingInput, type SavedSource, type SourceSettingsView } from '../../../../shared/api/sources-methods';
import { useApiMutation } from '../../api/use-api';
import { ErrorPanel } from '../../components/state-views';
import { MappingPreview } from './mapping-preview';
import { FORMAT_LABEL, emptySourceForm, sourceFormOf, sourceUrlOf, type SourceForm } from './source-url';

const MAPPING_HINT: Record<string, string> = {
  params: 'N, the model size',
  tokens: 'D, the training tokens',
  flops: 'compute (else 6·N·D)',
  group: 'the scaling ladder',
  ablation: 'ablation id',
  variant: 'variant label',
  seed: 'seed',
};

export function SourceFormPanel({ editing, settings, onDone }: { editing: SavedSource | null; settings: SourceSettingsView; onDone: () => void }) {
  const [form, setForm] = useState<SourceForm>(() => (editing ? sourceFormOf(editing.name, editing.url) : emptySourceForm()));
  const [mapping, setMapping] = useState<FieldMappingInput>(() => editing?.fieldMapping ?? {});
  const save = useApiMutation('saveSource');
  const url = sourceUrlOf(form);
  const set = (patch: Partial<SourceForm>) => setForm((f) => ({ ...f, ...patch }));
  const foreign = form.format !== 'labstore';
  const prefixes = foreign ? settings.fieldPrefixes[form.format as Exclude<typeof form.format, 'labstore'>] : [];
  const previewable = foreign && settings.active.format === form.format;
  const complete = form.name.trim() !== '' && form.path.trim() !== '' && (form.where === 'local' || form.host.trim() !== '');
  const mappingUsed = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)) as FieldMappingInput;
  return (
    <div className="panel source-form" data-testid="source-form">
      <h2>{editing ? `Edit “${editing.name}”` : 'Add a source'}</h2>
      <div className="form-grid">
        <label htmlFor="source-name">Name</label>
        <input id="source-name" value={form.name} placeholder="e.g. Cluster runs" onChange={(e) => set({ name: e.target.value })} />
        <label htmlFor="source-format">Kind</label>
        <select id="source-format" value={form.format} onChange={(e) => set({ format: e.target.value as SourceForm['format'] })}>
          {SOURCE_FORMATS.map((f) => (
            <option key={f} value={f}>{FORMAT_LABEL[f]}</option>
          ))}
        </select>
        <span className="form-label">Where</span>
        <div className="segmented" role="radiogroup" aria-label="Where">
          {(['local', 'sftp'] as const).map((w) => (
            <button key={w} type="button" role="radio" aria-checked={form.where === w} className={form.where === w ? 'active' : ''} onClick={() => set({ where: w })}>
              {w === 'local' ? 'This machine or a mount' : 'SFTP host'}
            </button>
          ))}
        </div>
        {form.where === 'sftp' && (
          <>
            <label htmlFor="source-host">Host</label>
            <div className="row host-row">
              <input id="source-user" aria-label="User" value={form.user} placeholder="user" onChange={(e) => set({ user: e.target.value })} />
              <span>@</span>
              <input id="source-host" value={form.host} placeholder="login.cluster.example" onChange={(e) => set({ host: e.target.value })} />
              <span>:</span>
              <input id="source-port" aria-label="Port" className="port" value={form.port} onChange={(e) => set({ port: e.target.value })} />
            </div>
          </>
        )}
        <label htmlFor="source-path">Folder</label>
        <input id="source-path" value={form.path} placeholder={form.format === 'wandb' ? '/home/me/project/wandb' : form.format === 'mlflow' ? '/home/me/project (holding mlruns/ or mlflow.db)' : '/shared/lab-store'} onChange={(e) => set({ path: e.target.value })} />
        <span className="form-label">URL</span>
        <code className="source-url" data-testid="source-url">{url || '—'}</code>
      </div>
      {foreign && (
        <>
          <h3>Field mapping</h3>
          <p className="muted">
            Which field of a run gives what scaling fits and ablations join on. Fields start with {prefixes.map((p, i) => (
              <span key={p}>{i > 0 ? ', ' : ''}<code>{p}</code></span>
            ))}.
          </p>
          <div className="mapping-grid">
            {MAPPING_TARGETS.map((target) => (
              <label key={target} className="mapping-field">
                <span>{target} <span className="muted">{MAPPING_HINT[target]}</span></span>
                <input
                  list="source-field-names"
                  value={mapping[target] ?? ''}
                  placeholder={`${prefixes[0] ?? ''}…`}
                  onChange={(e) => setMapping((m) => ({ ...m, [target]: e.target.value }))}
                />
              </label>
            ))}
          </div>
          {previewable ? (
            <>
              <h3>Preview on the runs of “{settings.active.name}”</h3>
              <MappingPreview mapping={mappingUsed} />
            </>
          ) : (
            <p className="muted">The preview runs on the source the cache mirrors; use this source to see its runs.</p>
          )}
        </>
      )}
      {save.error && <ErrorPanel error={save.error} title="Not saved" />}
      <div className="row form-actions">
        <button
          className="btn primary"
          disabled={!complete || save.isPending}
          onClick={() => save.mutate({ ...(editing ? { id: editing.id } : {}), name: form.name.trim(), url, fieldMapping: foreign ? mappingUsed : {} }, { onSuccess: onDone })}
        >
          {save.isPending ? 'Saving…' : editing?.active ? 'Save and sync again' : 'Save'}
        </button>
        <button className="btn" onClick={onDone}>Cancel</button>
      </div>
    </div>
  );
}
