// What the preload script exposes to the renderer as `window.tessera` (and nothing else).
import type { ApiResult } from './api-result';
import type { PushEvent } from './push-events';

/** Where the desktop app reads and writes: its own local store, or a team server. */
export type ConnectionState =
  | { mode: 'local'; lastError: string | null }
  | {
      mode: 'team-server';
      url: string;
      /** The person the token belongs to (null: a shared token that names nobody, such as the room display's). */
      person: string | null;
      /** The pinned self-signed certificate's SHA-256; null when an authority vouches for it. */
      fingerprint: string | null;
      /** The keychain that seals the kept token (e.g. "libsecret"); null: kept unencrypted, readable by you only. */
      tokenSealedBy: string | null;
      lastError: string | null;
    };

export interface TeamServerProbe {
  url: string;
  /** null for plain http:// to this machine. */
  certificate: {
    fingerprint: string;
    subject: string;
    issuer: string;
    validFrom: string;
    validTo: string;
    trustedByAuthorities: boolean;
    untrustedBecause: string | null;
  } | null;
  /** Already trusted here (same fingerprint as before). */
  pinned: boolean;
  /** The fingerprint trusted before, when the server now presents another one. */
  pinnedFingerprintChanged?: string;
  /** The person must compare the fingerprint with the admins' and confirm it. */
  needsConfirmation: boolean;
}

export interface TeamServerConnectRequest {
  url: string;
  token: string;
  /** The fingerprint the person confirmed, for a certificate no authority vouches for. */
  trustFingerprint?: string;
}

/** The desktop app's connection to a team server; absent in the browser, which is always on its server. */
export interface ConnectionBridge {
  state(): Promise<ConnectionState>;
  probe(url: string): Promise<ApiResult<TeamServerProbe>>;
  connect(request: TeamServerConnectRequest): Promise<ApiResult<ConnectionState>>;
  useLocalStore(): Promise<ApiResult<ConnectionState>>;
}

export interface DesktopBridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  /** Opens an http(s) link in the system browser; other schemes are refused. */
  openExternal(url: string): Promise<boolean>;
  /** Prints the current page to PDF (review export); resolves to the saved path or null. */
  printToPdf(suggestedName: string): Promise<string | null>;
  /** Connect to a team server, or back to the local store. */
  connection?: ConnectionBridge;
}

export const DESKTOP_BRIDGE_KEY = 'tessera';
export const IPC_CALL_CHANNEL = 'tessera:call';
export const IPC_EVENT_CHANNEL = 'tessera:event';
export const IPC_OPEN_EXTERNAL_CHANNEL = 'tessera:open-external';
export const IPC_PRINT_PDF_CHANNEL = 'tessera:print-pdf';
export const IPC_CONNECTION_CHANNEL = 'tessera:connection';
