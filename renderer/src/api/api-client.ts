// The renderer's one way to reach the core: typed from the shared contract, over Electron IPC when
// the preload bridge is there, over HTTP in the browser mode. Never throws: `{ok, value} | {ok: false, error}`.
import type { ApiResult } from '../../../shared/api/api-result';
import type { InputOf, MethodName, OutputOf } from '../../../shared/api/contract';
import type { DesktopBridge } from '../../../shared/api/desktop-bridge';
import type { PushEvent } from '../../../shared/api/push-events';

declare global {
  interface Window {
    tessera?: DesktopBridge;
  }
}

export interface ApiClient {
  call<K extends MethodName>(method: K, input: InputOf<K>): Promise<ApiResult<OutputOf<K>>>;
  onEvent(listener: (event: PushEvent) => void): () => void;
  openExternal(url: string): Promise<boolean>;
  kind: 'ipc' | 'http';
}

function httpClient(): ApiClient {
  const listeners = new Set<(event: PushEvent) => void>();
  let source: EventSource | null = null;
  const connect = () => {
    if (source) return;
    source = new EventSource('api/events');
    source.onmessage = (message) => {
      const event = JSON.parse(message.data as string) as PushEvent;
      for (const listener of listeners) listener(event);
    };
  };
  return {
    kind: 'http',
    async call(method, input) {
      try {
        const response = await fetch(`api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as ApiResult<never>;
      } catch (error) {
        return { ok: false, error: { code: 'unavailable', message: `Tessera's server cannot be reached: ${(error as Error).message}` } };
      }
    },
    onEvent(listener) {
      listeners.add(listener);
      connect();
      return () => listeners.delete(listener);
    },
    async openExternal(url) {
      if (!/^https?:\/\//i.test(url)) return false;
      window.open(url, '_blank', 'noopener,noreferrer');
      return true;
    },
  };
}

function ipcClient(bridge: DesktopBridge): ApiClient {
  return {
    kind: 'ipc',
    call: (method, input) => bridge.call(method, input) as Promise<ApiResult<never>>,
    onEvent: (listener) => bridge.onEvent(listener),
    openExternal: (url) => bridge.openExternal(url),
  };
}

export const apiClient: ApiClient = typeof window !== 'undefined' && window.tessera ? ipcClient(window.tessera) : httpClient();
