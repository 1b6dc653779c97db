// "Who am I", kept by this browser (or desktop window), never by the server: two people on one
// `tessera serve` are two people. Every tab of the browser sees a change at once (storage events).
import { useSyncExternalStore } from 'react';

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

/** The person id this window writes as, or null until chosen. */
export function useIdentity(): string | null {
  return useSyncExternalStore(subscribe, read);
}
