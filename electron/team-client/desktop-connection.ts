// What the desktop app's window talks to: its own local core (sync into a local cache), or a team
// server (reads and writes through it, the server's person and certificate known). One CoreClient
// either way, so the IPC bridge and the renderer do not change; switching swaps the client behind it
// and asks every view to refetch. Where it is connected survives restarts (settings + token vault).
import { apiFail } from '../../shared/api/api-result';
import type { AppInfo, SyncProgressInfo } from '../../shared/api/app-methods';
import type { TeamServerConnectRequest, TeamServerProbe, ConnectionState } from '../../shared/api/desktop-bridge';
import { DATA_SCOPES, type PushEvent } from '../../shared/api/push-events';
import type { HandlerContext } from '../core/api/handlers';
import type { CoreClient } from '../core/host/core-client';
import type { KnownServers } from './known-servers';
import { fetchServerCertificate, type ServerCertificate } from './server-certificate';
import { checkTeamServerUrl, createTeamServerClient, type TeamServerClient } from './team-server-client';
import type { TokenVault } from './token-vault';

export interface DesktopConnectionOptions {
  /** Starts the local core worker (sync into the app's own cache). */
  startLocalCore: () => Promise<CoreClient>;
  knownServers: KnownServers;
  tokens: TokenVault;
  /** The team server the app used last (settings), and where to keep the choice. */
  savedServer: () => string | null;
  saveServer: (origin: string | null) => void;
  log: (message: string) => void;
}

interface Remote {
  client: TeamServerClient;
  person: string | null;
  fingerprint: string | null;
  tokenSealedBy: string | null;
}

export class DesktopConnection implements CoreClient {
  private active: CoreClient | null = null;
  private remote: Remote | null = null;
  private lastError: string | null = null;
  private readonly listeners = new Set<(event: PushEvent) => void>();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly options: DesktopConnectionOptions) {}

  /** At start: the team server used last, if it still lets us in; otherwise the local store. */
  async start(): Promise<ConnectionState> {
    const origin = this.options.savedServer();
    if (origin) {
      try {
        const stored = this.options.tokens.load(origin);
        if (!stored) throw new Error(`No token is kept for ${origin}: connect again.`);
        await this.connectWith(checkTeamServerUrl(origin), stored.token, this.options.knownServers.find(origin));
        this.remote!.tokenSealedBy = stored.sealedBy;
        return this.state();
      } catch (error) {
        this.lastError = `Could not reconnect to ${origin}: ${(error as Error).message} Working on the local store meanwhile.`;
        this.options.log(this.lastError);
      }
    }
    await this.useLocal(false);
    return this.state();
  }

  call(method: string, input: unknown, ctx: HandlerContext) {
    if (!this.active) return Promise.resolve(apiFail('unavailable', 'Tessera is still starting.'));
    return this.active.call(method, input, ctx);
  }

  onEvent(listener: (event: PushEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): ConnectionState {
    if (this.remote) {
      return {
        mode: 'team-server',
        url: this.remote.client.url.toString(),
        person: this.remote.person,
        fingerprint: this.remote.fingerprint,
        tokenSealedBy: this.remote.tokenSealedBy,
        lastError: this.lastError,
      };
    }
    return { mode: 'local', lastError: this.lastError };
  }

  /** The server's certificate, for the person to check before anything is sent to it. */
  async probe(urlText: string): Promise<TeamServerProbe> {
    const url = checkTeamServerUrl(urlText);
    if (url.protocol !== 'https:') return { url: url.toString(), certificate: null, pinned: false, needsConfirmation: false };
    const certificate = await fetchServerCertificate(url);
    const known = this.options.knownServers.find(url.origin);
    const pinned = known !== null && known.fingerprint === certificate.fingerprint;
    return {
      url: url.toString(),
      certificate: publicCertificate(certificate),
      pinned,
      pinnedFingerprintChanged: known !== null && !pinned ? known.fingerprint : undefined,
      needsConfirmation: !certificate.trustedByAuthorities && !pinned,
    };
  }

  /**
   * Connects with a person's token. A certificate the system's authorities do not vouch for is used
   * only when it is already trusted here or `trustFingerprint` is exactly its fingerprint (the person
   * confirmed it); then it is pinned. The token is tried before anything is switched or saved.
   */
  async connect(request: TeamServerConnectRequest): Promise<ConnectionState> {
    const url = checkTeamServerUrl(request.url);
    const token = request.token.trim();
    if (token.length === 0) throw new Error('Paste your token: your team server\'s admins make it with "tessera token add".');
    let pin: { pem: string; fingerprint: string } | null = null;
    if (url.protocol === 'https:') {
      const certificate = await fetchServerCertificate(url);
      const known = this.options.knownServers.find(url.origin);
      if (known && known.fingerprint === certificate.fingerprint) pin = known;
      else if (!certificate.trustedByAuthorities) {
        if (request.trustFingerprint !== certificate.fingerprint) {
          throw new Error(`${url.origin}'s certificate is not signed by an authority this computer trusts (${certificate.untrustedBecause}): check its fingerprint ${certificate.fingerprint} with the server's admins and confirm it.`);
        }
        pin = certificate;
      }
    }
    await this.connectWith(url, token, pin);
    if (pin) this.options.knownServers.trust(url.origin, pin);
    this.remote!.tokenSealedBy = this.options.tokens.save(url.origin, token).sealedBy;
    this.options.saveServer(url.origin);
    this.lastError = null;
    return this.state();
  }

  /** Back to the app's own cache of the local store. */
  async useLocalStore(): Promise<ConnectionState> {
    if (this.remote) this.options.tokens.forget(this.remote.client.url.origin);
    this.options.saveServer(null);
    this.lastError = null;
    await this.useLocal(true);
    return this.state();
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    await this.active?.close();
    this.active = null;
  }

  /** Tries the token (getAppInfo) on a new client, then makes it the active one. */
  private async connectWith(url: URL, token: string, pin: { pem: string; fingerprint: string } | null): Promise<void> {
    const client = createTeamServerClient({ url, token, ...(pin ? { pinned: { pem: pin.pem, fingerprint: pin.fingerprint } } : {}), log: this.options.log });
    const info = await client.call('getAppInfo', {}, { transport: 'ipc', canWrite: false });
    if (!info.ok) {
      await client.close();
      throw new Error(info.error.message);
    }
    const app = info.value as AppInfo;
    await this.swap(client);
    this.remote = { client, person: app.signedIn?.person ?? null, fingerprint: pin?.fingerprint ?? null, tokenSealedBy: null };
  }

  private async useLocal(announce: boolean): Promise<void> {
    const local = await this.options.startLocalCore();
    this.remote = null;
    await this.swap(local, announce);
  }

  /** Makes `next` the active client: its pushes reach the window, the old one closes, every view refetches. */
  private async swap(next: CoreClient, announce = true): Promise<void> {
    const previous = this.active;
    this.unsubscribe?.();
    this.active = next;
    this.unsubscribe = next.onEvent((event) => this.emit(event));
    await previous?.close();
    if (!announce) return;
    this.emit({ type: 'data-changed', scopes: [...DATA_SCOPES], at: new Date().toISOString() });
    // The window still shows the old core's sync progress: replace it with the new one's.
    const progress = await next.call('getSyncProgress', {}, { transport: 'ipc', canWrite: false });
    if (progress.ok && this.active === next) this.emit({ type: 'sync-progress', progress: progress.value as SyncProgressInfo });
  }

  private emit(event: PushEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function publicCertificate(certificate: ServerCertificate): TeamServerProbe['certificate'] {
  const { fingerprint, subject, issuer, validFrom, validTo, trustedByAuthorities, untrustedBecause } = certificate;
  return { fingerprint, subject, issuer, validFrom, validTo, trustedByAuthorities, untrustedBecause };
}
