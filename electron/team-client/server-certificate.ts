// The certificate a team server presents, looked at before anything is sent to it: whether the
// system's certificate authorities vouch for it (name included), and its SHA-256 fingerprint, in the
// form `openssl x509 -noout -fingerprint -sha256` prints, for a person to compare with what the
// server's admins say. Like SSH's first connection to a host: nothing is trusted by being shown.
import net from 'node:net';
import tls from 'node:tls';

export interface ServerCertificate {
  /** `AB:CD:…`, SHA-256 of the DER certificate. */
  fingerprint: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** The certificate itself (PEM), to pin when a person trusts it. */
  pem: string;
  /** The system's authorities vouch for it and it names this host. */
  trustedByAuthorities: boolean;
  /** Why not, when not (e.g. DEPTH_ZERO_SELF_SIGNED_CERT, ERR_TLS_CERT_ALTNAME_INVALID). */
  untrustedBecause: string | null;
}

function pemOf(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function describeName(name: tls.Certificate | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : String(value)}`)
    .join(', ');
}

export function fetchServerCertificate(url: URL, timeoutMs = 10_000): Promise<ServerCertificate> {
  if (url.protocol !== 'https:') return Promise.reject(new Error(`${url.origin} is not https: there is no certificate to check.`));
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host, port, servername: net.isIP(host) ? undefined : host, rejectUnauthorized: false }, () => {
      const cert = socket.getPeerCertificate(true);
      socket.end();
      if (!cert || !cert.raw) {
        reject(new Error(`${url.origin} presented no certificate.`));
        return;
      }
      resolve({
        fingerprint: cert.fingerprint256,
        subject: describeName(cert.subject),
        issuer: describeName(cert.issuer),
        validFrom: cert.valid_from,
        validTo: cert.valid_to,
        pem: pemOf(cert.raw),
        trustedByAuthorities: socket.authorized,
        untrustedBecause: socket.authorized ? null : String(socket.authorizationError ?? 'not verified'),
      });
    });
    socket.setTimeout(timeoutMs);
    socket.on('timeout', () => socket.destroy(new Error(`${url.origin} did not answer within ${timeoutMs / 1000} s.`)));
    socket.on('error', (error) => reject(new Error(`Cannot reach ${url.origin}: ${error.message}`)));
  });
}
