// Electron's safeStorage as the token vault's sealer: the OS keychain (macOS Keychain, Windows DPAPI,
// libsecret or kwallet on Linux). Linux's "basic_text" fallback encrypts with a fixed key, which
// protects nothing, so it counts as unavailable and the vault says the token is kept unencrypted.
import { safeStorage } from 'electron';
import type { SecretSealer } from '../team-client/token-vault';

function backendName(): string {
  if (process.platform === 'darwin') return 'the macOS Keychain';
  if (process.platform === 'win32') return 'Windows DPAPI';
  return safeStorage.getSelectedStorageBackend();
}

export const safeStorageSealer: SecretSealer = {
  get name() {
    return backendName();
  },
  isAvailable: () =>
    safeStorage.isEncryptionAvailable() && (process.platform !== 'linux' || !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend())),
  seal: (text) => safeStorage.encryptString(text),
  open: (sealed) => safeStorage.decryptString(sealed),
};
