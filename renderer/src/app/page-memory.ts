// Going to another page and back loses nothing. Every page's state is in its route, so the sidebar
// link of a page opens the route it was left at (filters, selection, view); and the scroll positions of
// the main area and of the page's own scrollers (marked `data-keep-scroll="name"`) are put back when
// the user returns — by the sidebar, or by back and forward. Any other way in (a link, the palette, a
// typed URL) opens at the top, or at the `?id=` deep link's target (`data-deep-link="<id>"`), which is
// scrolled to and highlighted. State that is not in the route stays with `useRememberedState`.
import { useEffect, useLayoutEffect, useRef, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { takeInPageChange, type Route } from './router';

/** 'main' or a data-keep-scroll name → [top, left]. */
type ScrollPositions = Record<string, [number, number]>;

interface Memory {
  /** Each page's route (location.hash) when last seen. */
  lastHash: Record<string, string>;
  /** Scroll positions by route, oldest first. */
  scroll: Record<string, ScrollPositions>;
}

const STORAGE_KEY = 'tessera.page-memory';
const MAX_ROUTES = 80;
/** How long a restore or a deep link waits for the page's data to arrive. */
const SETTLE_MS = 5000;
const HIGHLIGHT_CLASS = 'deep-link-target';
/** The room left above a deep link's target (its scroll-margin-top in app.css). */
const TARGET_MARGIN = 16;

function loadMemory(): Memory {
  try {
    const saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Memory | null;
    if (saved && typeof saved.lastHash === 'object' && typeof saved.scroll === 'object') return saved;
  } catch {
    // A damaged entry is forgotten, not fatal.
  }
  return { lastHash: {}, scroll: {} };
}

const memory = loadMemory();

function saveMemory(): void {
  const routes = Object.keys(memory.scroll);
  for (const old of routes.slice(0, Math.max(0, routes.length - MAX_ROUTES))) delete memory.scroll[old];
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(memory));
  } catch {
    // Storage full or disabled: the memory still lasts as long as the window.
  }
}

let returning = false;
let lastNavigationType: string | null = null;
// Back and forward are told apart from links by the Navigation API where the browser has it.
(window as unknown as { navigation?: EventTarget }).navigation?.addEventListener('navigate', (event) => {
  lastNavigationType = (event as Event & { navigationType?: string }).navigationType ?? null;
});

/** The route a page's sidebar link opens: where it was left, or its plain route. */
export function pageHref(pageId: string, plain: string): string {
  return memory.lastHash[pageId] ?? plain;
}

/** Called when the user goes back to a page by its sidebar link (to `href`): its scroll comes back too. */
export function returnToPage(href: string): void {
  returning = href !== window.location.hash;
}

function scrollerOf(main: HTMLElement, name: string): HTMLElement | null {
  return name === 'main' ? main : main.querySelector<HTMLElement>(`[data-keep-scroll="${CSS.escape(name)}"]`);
}

/** Repeats `step` every frame until it returns true, the user takes over, or time runs out; then `onStop`. */
function untilDone(main: HTMLElement, step: () => boolean, onStop: () => void): () => void {
  const started = performance.now();
  const inputs = ['wheel', 'pointerdown', 'keydown', 'touchstart'];
  let frame = 0;
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    cancelAnimationFrame(frame);
    for (const type of inputs) main.removeEventListener(type, stop);
    onStop();
  };
  for (const type of inputs) main.addEventListener(type, stop, { passive: true });
  const tick = () => {
    if (step() || performance.now() - started > SETTLE_MS) stop();
    else frame = requestAnimationFrame(tick);
  };
  tick();
  return stop;
}

function restoreScroll(main: HTMLElement, positions: ScrollPositions, onStop: () => void): () => void {
  const done = new Set<string>();
  return untilDone(main, () => {
    for (const [name, [top, left]] of Object.entries(positions)) {
      const el = done.has(name) ? null : scrollerOf(main, name);
      if (!el) continue;
      // The page may still be loading: scroll as far as it goes now, the rest when it is taller.
      el.scrollTop = top;
      el.scrollLeft = left;
      if (Math.abs(el.scrollTop - top) <= 1 && Math.abs(el.scrollLeft - left) <= 1) done.add(name);
    }
    return done.size === Object.keys(positions).length;
  }, onStop);
}

function scrollToTarget(main: HTMLElement, id: string, onStop: () => void): () => void {
  let highlighted: HTMLElement | null = null;
  let lastTop = NaN;
  let steady = 0;
  return untilDone(
    main,
    () => {
      const target = main.querySelector<HTMLElement>(`[data-deep-link="${CSS.escape(id)}"]`);
      if (!target) return false;
      if (target !== highlighted) {
        highlighted = target;
        target.classList.remove(HIGHLIGHT_CLASS);
        void target.offsetWidth; // restart the animation when the same target is linked again
        target.classList.add(HIGHLIGHT_CLASS);
        target.addEventListener('animationend', () => target.classList.remove(HIGHLIGHT_CLASS), { once: true });
      }
      // What loads around the target moves it, or lets it go higher: keep it in place until the layout holds still.
      const top = target.getBoundingClientRect().top;
      const short = main.scrollTop < main.scrollHeight - main.clientHeight - 1 && top - main.getBoundingClientRect().top > TARGET_MARGIN + 2;
      if (top !== lastTop || short) {
        target.scrollIntoView({ block: 'start' });
        lastTop = target.getBoundingClientRect().top;
        steady = 0;
        return false;
      }
      return ++steady >= 10;
    },
    onStop,
  );
}

/** Keeps the memory of the shown route and puts scroll back (or to the top, or to a target) on a change of route. */
export function usePageMemory(main: RefObject<HTMLElement | null>, route: Route): void {
  const hash = window.location.hash || `#/${route.page}`;
  const shown = useRef<string | null>(null);
  const restoring = useRef<(() => void) | null>(null);

  useEffect(() => {
    const el = main.current;
    if (!el) return;
    const record = (event: Event) => {
      if (restoring.current || !shown.current) return;
      const target = event.target as HTMLElement;
      const name = target === el ? 'main' : target.dataset?.keepScroll;
      if (!name) return;
      const positions = (memory.scroll[shown.current] ??= {});
      positions[name] = [target.scrollTop, target.scrollLeft];
    };
    el.addEventListener('scroll', record, { capture: true, passive: true });
    const save = () => saveMemory();
    window.addEventListener('pagehide', save);
    return () => {
      el.removeEventListener('scroll', record, { capture: true });
      window.removeEventListener('pagehide', save);
    };
  }, [main]);

  useLayoutEffect(() => {
    const el = main.current;
    const previous = shown.current;
    if (!el || previous === hash) return;
    const inPage = takeInPageChange(hash);
    const back = returning || lastNavigationType === 'traverse';
    returning = false;
    lastNavigationType = null;
    shown.current = hash;
    memory.lastHash[route.page] = hash;
    if (inPage && previous) {
      // A filter or a selection changed on the same page: the same place, under its new route.
      if (memory.scroll[previous]) memory.scroll[hash] = memory.scroll[previous];
      saveMemory();
      return;
    }
    // A restore or a deep link still waiting for its page gives way to the new route.
    restoring.current?.();
    const saved = memory.scroll[hash];
    const id = route.params.get('id');
    const begin = (start: (onStop: () => void) => () => void) => {
      let finished = false;
      const stop = start(() => {
        finished = true;
        restoring.current = null;
      });
      if (!finished) restoring.current = stop;
    };
    if (back && saved) begin((onStop) => restoreScroll(el, saved, onStop));
    else if (!back && id) begin((onStop) => scrollToTarget(el, id, onStop));
    else el.scrollTop = 0;
    saveMemory();
  }, [main, hash, route.page, route.params]);
}

const rememberedState = new Map<string, unknown>();

/** useState whose value outlives the page: leaving and coming back finds it as it was. Keys are page-scoped by the caller ("team.drill"). */
export function useRememberedState<T>(key: string, initial: T | (() => T)): [T, Dispatch<SetStateAction<T>>] {
  const [value, setValue] = useState<T>(() =>
    rememberedState.has(key) ? (rememberedState.get(key) as T) : typeof initial === 'function' ? (initial as () => T)() : initial,
  );
  useEffect(() => {
    rememberedState.set(key, value);
  }, [key, value]);
  return [value, setValue];
}
