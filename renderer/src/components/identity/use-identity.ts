// "Who am I", kept by this browser (or desktop window), never by the server: two people on one
// `tessera serve` are two people. Every tab of the browser sees a change at once (storage events).
// On a team server the token says who you are instead: that person is the window's identity, and
// there is nothing to choose (the server writes its token's person whatever a call says).
import { useSyncExternalStore } from 'react';
import type { AppInfo } from '../../../../shared/api/app-methods';
import { useApiQuery } from '../../api/use-api';

const STORAGE_KEY = 'tessera.identity';
const listeners = new Set<() => void>();

function read(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (event: StorageEvent) => event.key === STORAGE_KEY && listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

export function setIdentity(personId: string | null): void {
  try {
    if (personId === null) window.localStorage.removeItem(STORAGE_KEY);
    else window.localStorage.setItem(STORAGE_KEY, personId);
  } catch {
    // Storage disabled: nothing to keep it in; the picker shows the choice is not kept.
  }
  for (const listener of listeners) listener();
}

/** The person id this window writes as, read once (outside React), or null until chosen. */
export function currentIdentity(): string | null {
  return read();
}

/** Who a team server knows this window to be from its token; null where the window chooses. */
export function useSignedIn(): AppInfo['signedIn'] {
  return useApiQuery('getAppInfo', {}).data?.signedIn ?? null;
}

/** The person id this window writes as: the token's person on a team server, else the window's choice (null until made). */
export function useIdentity(): string | null {
  const chosen = useSyncExternalStore(subscribe, read);
  const signedIn = useSignedIn();
  return signedIn ? signedIn.person : chosen;
}
