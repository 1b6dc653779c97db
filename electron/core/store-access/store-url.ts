// A store location as the user writes it: a folder path or file://…, or sftp://user@host[:port]/path,
// with `tensorboard:`, `mlflow:` or `wandb:` in front for those formats. Parsed once, with a clear error.
export type StoreFormat = 'labstore' | 'tensorboard' | 'mlflow' | 'wandb';

export type StoreLocation =
  | { kind: 'local'; path: string }
  | { kind: 'sftp'; username: string | null; host: string; port: number; path: string };

export interface StoreUrl {
  format: StoreFormat;
  location: StoreLocation;
  /** The URL as given, for messages. */
  text: string;
}

export class StoreUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreUrlError';
  }
}

export function parseStoreUrl(text: string): StoreUrl {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new StoreUrlError('The store location is empty.');
  let format: StoreFormat = 'labstore';
  let rest = trimmed;
  for (const prefix of ['tensorboard', 'mlflow', 'wandb'] as const) {
    if (rest.startsWith(`${prefix}:`)) {
      format = prefix;
      rest = rest.slice(prefix.length + 1);
      break;
    }
  }
  if (rest.length === 0) throw new StoreUrlError(`"${text}": the location after "${format}:" is missing.`);
  if (rest.startsWith('sftp://')) {
    let url: URL;
    try {
      url = new URL(rest);
    } catch {
      throw new StoreUrlError(`"${text}" is not a valid sftp:// URL (expected sftp://user@host[:port]/path).`);
    }
    if (!url.hostname) throw new StoreUrlError(`"${text}": the SFTP host is missing (expected sftp://user@host[:port]/path).`);
    const port = url.port ? Number(url.port) : 22;
    const path = decodeURIComponent(url.pathname);
    if (!path || path === '/') throw new StoreUrlError(`"${text}": give the store's folder on the host (sftp://user@host/path/to/store).`);
    return {
      format,
      text,
      location: { kind: 'sftp', username: url.username ? decodeURIComponent(url.username) : null, host: url.hostname, port, path },
    };
  }
  if (rest.startsWith('file://')) {
    let url: URL;
    try {
      url = new URL(rest);
    } catch {
      throw new StoreUrlError(`"${text}" is not a valid file:// URL.`);
    }
    if (url.host && url.host !== 'localhost') throw new StoreUrlError(`"${text}": file:// URLs must name a local path (file:///path).`);
    return { format, text, location: { kind: 'local', path: decodeURIComponent(url.pathname) } };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(rest)) {
    throw new StoreUrlError(`"${text}": unsupported scheme (expected a folder, file://…, or sftp://user@host/path).`);
  }
  return { format, text, location: { kind: 'local', path: rest } };
}
