// Stands in for Electron's safeStorage, which cannot run in Node: really encrypts (AES-256-GCM), with a
// key only this process holds, behind the same SecretSealer interface the app wraps safeStorage in.
import crypto from 'node:crypto';
import type { SecretSealer } from '../../../electron/team-client/token-vault';

export function testSealer(available = true): SecretSealer {
  const key = crypto.randomBytes(32);
  return {
    name: 'the test keychain',
    isAvailable: () => available,
    seal(text) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}
