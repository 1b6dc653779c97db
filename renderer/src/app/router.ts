// A small hash router: `#/page?key=value`. Hash routes work the same from file:// (desktop) and http://.
import { useSyncExternalStore } from 'react';

export interface Route {
  page: string;
  params: URLSearchParams;
}

function parseHash(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const [page = '', query = ''] = text.split('?');
  return { page: page || 'runs', params: new URLSearchParams(query) };
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

export function routeHref(page: string, params?: Record<string, string | string[] | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) query.set(key, value.join(','));
    } else query.set(key, value);
  }
  const text = query.toString();
  return `#/${page}${text ? `?${text}` : ''}`;
}

export function navigate(page: string, params?: Record<string, string | string[] | undefined>): void {
  window.location.hash = routeHref(page, params);
}

let inPageHash: string | null = null;

/** Whether the change to `hash` was updateParams' (a filter, a selection: the page stays where it is). */
export function takeInPageChange(hash: string): boolean {
  const inPage = inPageHash === hash;
  inPageHash = null;
  return inPage;
}

/** Replaces one or more query parameters of the current page without adding history noise. */
export function updateParams(patch: Record<string, string | string[] | undefined>): void {
  const route = parseHash(window.location.hash);
  const next: Record<string, string | string[] | undefined> = Object.fromEntries(route.params.entries());
  Object.assign(next, patch);
  const href = routeHref(route.page, next);
  if (href === window.location.hash) return;
  inPageHash = href;
  window.history.replaceState(null, '', href);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
