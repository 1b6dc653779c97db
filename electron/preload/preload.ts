// The only bridge between the sandboxed renderer and the app: the typed API call, push events,
// and two narrow helpers. No Node, no ipcRenderer, nothing else reaches the page.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiResult } from '../../shared/api/api-result';
import {
  DESKTOP_BRIDGE_KEY,
  IPC_CALL_CHANNEL,
  IPC_CONNECTION_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_OPEN_EXTERNAL_CHANNEL,
  IPC_PRINT_PDF_CHANNEL,
  type DesktopBridge,
} from '../../shared/api/desktop-bridge';
import type { PushEvent } from '../../shared/api/push-events';

const bridge: DesktopBridge = {
  call: (method, input) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<ApiResult<unknown>>,
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, payload: PushEvent) => listener(payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
  openExternal: (url) => ipcRenderer.invoke(IPC_OPEN_EXTERNAL_CHANNEL, url) as Promise<boolean>,
  printToPdf: (name) => ipcRenderer.invoke(IPC_PRINT_PDF_CHANNEL, name) as Promise<string | null>,
  connection: {
    state: () => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, 'state'),
    probe: (url) => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, 'probe', url),
    connect: (request) => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, 'connect', request),
    useLocalStore: () => ipcRenderer.invoke(IPC_CONNECTION_CHANNEL, 'use-local'),
  },
};

contextBridge.exposeInMainWorld(DESKTOP_BRIDGE_KEY, bridge);
