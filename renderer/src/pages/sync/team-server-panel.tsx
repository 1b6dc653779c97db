// "Connect to a team server" in the desktop app: the server's address and your token; a certificate no
// authority vouches for is shown with its fingerprint to compare with the admins' before anything is
// sent; once connected, which server and who you are, and the way back to the local store. The browser
// is always on the server it came from, so it has no such panel.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import type { ConnectionBridge, ConnectionState, TeamServerProbe } from '../../../../shared/api/desktop-bridge';
import './team-server-panel.css';

function bridge(): ConnectionBridge | null {
  return typeof window !== 'undefined' ? (window.tessera?.connection ?? null) : null;
}

function Connected({ state, onLocal, busy }: { state: Extract<ConnectionState, { mode: 'team-server' }>; onLocal: () => void; busy: boolean }) {
  return (
    <>
      <p data-testid="team-server-connected">
        Connected to <code>{state.url}</code> {state.person ? <>as <strong>{state.person}</strong></> : 'with a shared token that names nobody'}. Reads and writes go through it;
        this computer syncs nothing itself.
      </p>
      <ul className="team-server-facts muted">
        <li>{state.fingerprint ? <>Its self-signed certificate is pinned: <code>{state.fingerprint}</code></> : 'Its certificate is signed by an authority this computer trusts.'}</li>
        <li>{state.tokenSealedBy ? `Your token is kept sealed by ${state.tokenSealedBy}.` : 'No keychain is available: your token is kept unencrypted, in a file only you can read.'}</li>
      </ul>
      <button className="btn" disabled={busy} onClick={onLocal}>
        Use the local store instead
      </button>
    </>
  );
}

function ConfirmCertificate({ probe, onTrust, onCancel, busy }: { probe: TeamServerProbe; onTrust: () => void; onCancel: () => void; busy: boolean }) {
  const cert = probe.certificate!;
  return (
    <div className="team-server-confirm" role="alertdialog" aria-labelledby="confirm-title" data-testid="certificate-confirm">
      <h3 id="confirm-title">Check this server's certificate</h3>
      {probe.pinnedFingerprintChanged && (
        <p className="badge danger team-server-changed">
          It is not the certificate you trusted before ({probe.pinnedFingerprintChanged}). Unless its admins renewed it, do not go on.
        </p>
      )}
      <p>
        No authority this computer trusts vouches for it ({cert.untrustedBecause}). Compare its fingerprint with the one your team server's admins gave you;
        trust it only if every pair matches.
      </p>
      <dl>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <code data-testid="certificate-fingerprint">{cert.fingerprint}</code>
        </dd>
        <dt>Issued to</dt>
        <dd>{cert.subject}</dd>
        <dt>Valid</dt>
        <dd>
          {cert.validFrom} – {cert.validTo}
        </dd>
      </dl>
      <div className="row">
        <button className="btn primary" disabled={busy} onClick={onTrust}>
          It matches: trust it and connect
        </button>
        <button className="btn" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  );
}

export function TeamServerPanel() {
  const connection = bridge();
  const queryClient = useQueryClient();
  const [state, setState] = useState<ConnectionState | null>(null);
  const [url, setUrl] = useState('');
  const [token, setToken] = useState('');
  const [probe, setProbe] = useState<TeamServerProbe | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void connection?.state().then(setState);
  }, [connection]);
  if (!connection || !state) return null;

  const settled = (next: ConnectionState) => {
    setState(next);
    setProbe(null);
    setToken('');
    void queryClient.invalidateQueries();
  };
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } finally {
      setBusy(false);
    }
  };
  const connect = (trustFingerprint?: string) =>
    run(async () => {
      const result = await connection.connect({ url, token, ...(trustFingerprint ? { trustFingerprint } : {}) });
      if (result.ok) settled(result.value);
      else setError(result.error.message);
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const checked = await connection.probe(url);
      if (!checked.ok) return setError(checked.error.message);
      if (checked.value.needsConfirmation) return setProbe(checked.value);
      const result = await connection.connect({ url, token });
      if (result.ok) settled(result.value);
      else setError(result.error.message);
    });
  };
  const useLocal = () =>
    run(async () => {
      const result = await connection.useLocalStore();
      if (result.ok) settled(result.value);
      else setError(result.error.message);
    });

  return (
    <div className="panel team-server-panel" data-testid="team-server-panel">
      <h2>Team server</h2>
      {state.lastError && <p className="badge warn">{state.lastError}</p>}
      {state.mode === 'team-server' ? (
        <Connected state={state} onLocal={() => void useLocal()} busy={busy} />
      ) : probe ? (
        <ConfirmCertificate probe={probe} busy={busy} onTrust={() => void connect(probe.certificate!.fingerprint)} onCancel={() => setProbe(null)} />
      ) : (
        <form className="team-server-form" onSubmit={submit}>
          <p className="muted">
            This app syncs the store into its own cache. On a team server, everyone shares one sync, and your decisions carry the name your token belongs to.
          </p>
          <label htmlFor="team-server-url">Server address</label>
          <input id="team-server-url" className="input" placeholder="https://tessera.lab.example:4777/" value={url} onChange={(e) => setUrl(e.target.value)} required />
          <label htmlFor="team-server-token">Your token</label>
          <input id="team-server-token" className="input" type="password" autoComplete="off" placeholder="tsr_…" value={token} onChange={(e) => setToken(e.target.value)} required />
          <div>
            <button className="btn primary" type="submit" disabled={busy || url.trim() === '' || token.trim() === ''}>
              {busy ? 'Connecting…' : 'Connect'}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="error-panel" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
