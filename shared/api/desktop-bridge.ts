// What the preload script exposes to the renderer as `window.tessera` (and nothing else).
import type { ApiResult } from './api-result';
import type { PushEvent } from './push-events';

export interface DesktopBridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  /** Opens an http(s) link in the system browser; other schemes are refused. */
  openExternal(url: string): Promise<boolean>;
  /** Prints the current page to PDF (review export); resolves to the saved path or null. */
  printToPdf(suggestedName: string): Promise<string | null>;
}

export const DESKTOP_BRIDGE_KEY = 'tessera';
export const IPC_CALL_CHANNEL = 'tessera:call';
export const IPC_EVENT_CHANNEL = 'tessera:event';
export const IPC_OPEN_EXTERNAL_CHANNEL = 'tessera:open-external';
export const IPC_PRINT_PDF_CHANNEL = 'tessera:print-pdf';
