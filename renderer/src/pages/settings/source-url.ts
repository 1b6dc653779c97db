// A source as the form edits it, and the store URL it stands for (the same text the CLI's --store
// takes): [tensorboard:|mlflow:|wandb:] then a folder path or sftp://user@host[:port]/path. The core
// parses and checks the URL again when it is saved; this only splits and joins it for the form.
import type { SourceFormatName } from '../../../../shared/api/sources-methods';

export interface SourceForm {
  name: string;
  format: SourceFormatName;
  where: 'local' | 'sftp';
  path: string;
  user: string;
  host: string;
  port: string;
}

export const FORMAT_LABEL: Record<SourceFormatName, string> = {
  labstore: 'Lab store',
  tensorboard: 'TensorBoard log directory',
  mlflow: 'MLflow (mlruns/ or mlflow.db)',
  wandb: 'W&B run folders',
};

export const FORMAT_SHORT: Record<SourceFormatName, string> = { labstore: 'Lab store', tensorboard: 'TensorBoard', mlflow: 'MLflow', wandb: 'W&B' };

export const emptySourceForm = (): SourceForm => ({ name: '', format: 'labstore', where: 'local', path: '', user: '', host: '', port: '22' });

export function sourceUrlOf(form: SourceForm): string {
  const prefix = form.format === 'labstore' ? '' : `${form.format}:`;
  if (form.where === 'local') return `${prefix}${form.path.trim()}`;
  const user = form.user.trim() ? `${encodeURIComponent(form.user.trim())}@` : '';
  const port = form.port.trim() && form.port.trim() !== '22' ? `:${form.port.trim()}` : '';
  const path = form.path.trim().startsWith('/') ? form.path.trim() : `/${form.path.trim()}`;
  return `${prefix}sftp://${user}${form.host.trim()}${port}${path}`;
}

export function sourceFormOf(name: string, url: string): SourceForm {
  const form = { ...emptySourceForm(), name };
  let rest = url;
  for (const format of ['tensorboard', 'mlflow', 'wandb'] as const) {
    if (rest.startsWith(`${format}:`)) {
      form.format = format;
      rest = rest.slice(format.length + 1);
    }
  }
  const sftp = /^sftp:\/\/(?:([^@/]*)@)?([^:/]+)(?::(\d+))?(\/.*)$/.exec(rest);
  if (sftp) return { ...form, where: 'sftp', user: decodeURIComponent(sftp[1] ?? ''), host: sftp[2]!, port: sftp[3] ?? '22', path: sftp[4]! };
  return { ...form, path: rest.startsWith('file://') ? decodeURIComponent(rest.slice('file://'.length)) : rest };
}
