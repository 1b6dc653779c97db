// Wires Electron IPC to the core. Messages from any sender other than our own window's top frame,
// showing our own page, are dropped.
import { BrowserWindow, dialog, ipcMain, type IpcMainInvokeEvent } from 'electron';
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { apiFail } from '../../shared/api/api-result';
import {
  IPC_CALL_CHANNEL,
  IPC_CONNECTION_CHANNEL,
  IPC_EVENT_CHANNEL,
  IPC_OPEN_EXTERNAL_CHANNEL,
  IPC_PRINT_PDF_CHANNEL,
} from '../../shared/api/desktop-bridge';
import type { CoreClient } from '../core/host/core-client';
import { runConnectionAction } from '../team-client/connection-actions';
import type { DesktopConnection } from '../team-client/desktop-connection';
import { openInSystemBrowser } from './main-window';
import { isTrustedSender } from './window-policy';

export function connectIpc(core: CoreClient, window: BrowserWindow, indexHtml: string, connection?: DesktopConnection): () => void {
  const appUrl = pathToFileURL(indexHtml).toString();
  const trusted = (event: IpcMainInvokeEvent) =>
    isTrustedSender(
      {
        webContentsId: event.sender.id,
        fromMainFrame: event.senderFrame !== null && event.senderFrame === window.webContents.mainFrame,
        frameUrl: event.senderFrame?.url ?? null,
      },
      { webContentsId: window.webContents.id, appUrl },
    );

  ipcMain.handle(IPC_CALL_CHANNEL, (event, method: unknown, input: unknown) => {
    if (!trusted(event)) return apiFail('forbidden', 'Calls are only accepted from the Tessera window.');
    return core.call(String(method), input, { transport: 'ipc', canWrite: true });
  });
  ipcMain.handle(IPC_CONNECTION_CHANNEL, async (event, action: unknown, argument: unknown) => {
    if (!trusted(event) || !connection) return apiFail('forbidden', 'Calls are only accepted from the Tessera window.');
    return runConnectionAction(connection, action, argument);
  });
  ipcMain.handle(IPC_OPEN_EXTERNAL_CHANNEL, async (event, url: unknown) => {
    if (!trusted(event)) return false;
    return openInSystemBrowser(url);
  });
  ipcMain.handle(IPC_PRINT_PDF_CHANNEL, async (event, name: unknown) => {
    if (!trusted(event)) return null;
    const safeName = typeof name === 'string' ? name.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 100) : 'review';
    const target = await dialog.showSaveDialog(window, { defaultPath: `${safeName}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    if (target.canceled || !target.filePath) return null;
    // The page's own @page size (the review's slides are 1920×1080) wins over A4 when it gives one.
    const pdf = await window.webContents.printToPDF({ landscape: true, printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
    fs.writeFileSync(target.filePath, pdf);
    return target.filePath;
  });
  const unsubscribe = core.onEvent((payload) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_EVENT_CHANNEL, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_CONNECTION_CHANNEL);
    ipcMain.removeHandler(IPC_OPEN_EXTERNAL_CHANNEL);
    ipcMain.removeHandler(IPC_PRINT_PDF_CHANNEL);
  };
}
