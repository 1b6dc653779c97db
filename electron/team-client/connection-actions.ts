// The connection actions the window may ask for, by name, with their failures in the API's own
// `{ok: false}` shape: what the IPC bridge exposes (and what a test stands in for it with).
import { apiFail, apiOk, type ApiResult } from '../../shared/api/api-result';
import type { ConnectionState } from '../../shared/api/desktop-bridge';
import type { DesktopConnection } from './desktop-connection';

async function attempt<T>(action: () => Promise<T>): Promise<ApiResult<T>> {
  try {
    return apiOk(await action());
  } catch (error) {
    return apiFail('validation', (error as Error).message);
  }
}

export async function runConnectionAction(connection: DesktopConnection, action: unknown, argument: unknown): Promise<ConnectionState | ApiResult<unknown>> {
  switch (action) {
    case 'state':
      return connection.state();
    case 'probe':
      return attempt(() => connection.probe(String(argument)));
    case 'connect': {
      const request = argument as { url?: unknown; token?: unknown; trustFingerprint?: unknown } | null;
      return attempt(() =>
        connection.connect({
          url: String(request?.url ?? ''),
          token: String(request?.token ?? ''),
          ...(typeof request?.trustFingerprint === 'string' ? { trustFingerprint: request.trustFingerprint } : {}),
        }),
      );
    }
    case 'use-local':
      return attempt(() => connection.useLocalStore());
    default:
      return apiFail('validation', `Unknown connection action "${String(action)}".`);
  }
}
