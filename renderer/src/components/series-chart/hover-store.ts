// Where the pointer is over a chart, and the zoom selection it drags, kept outside React's chart state:
// a pointer move re-renders only the crosshair, selection and tooltip that subscribe here, never the
// chart's lines, and moves are published at most once per animation frame (a mouse reports faster than
// the screen draws).
import { useSyncExternalStore } from 'react';

export interface Hover {
  /** The x value under the pointer, in the chart's unit. */
  x: number;
  /** The pointer's x in pixels from the chart's left edge. */
  px: number;
}

/** A zoom selection being dragged, in pixels from the chart's left edge. */
export interface Drag {
  from: number;
  to: number;
}

export interface PointerState {
  hover: Hover | null;
  drag: Drag | null;
}

export interface HoverStore {
  /** What subscribers last heard. */
  get(): PointerState;
  /** The selection as of the latest move, published or not (a mouse-up ends the drag it has). */
  getDrag(): Drag | null;
  subscribe(listener: () => void): () => void;
  /** The latest position wins; listeners hear of it on the next animation frame. */
  set(hover: Hover | null): void;
  setDrag(drag: Drag | null): void;
}

const IDLE: PointerState = { hover: null, drag: null };

export function createHoverStore(): HoverStore {
  let published = IDLE;
  let pending = IDLE;
  let frame = 0;
  const listeners = new Set<() => void>();
  const publish = () => {
    frame = 0;
    if (published === pending) return;
    published = pending;
    for (const listener of listeners) listener();
  };
  const update = (next: PointerState) => {
    pending = next.hover === null && next.drag === null ? IDLE : next;
    if (!frame) frame = requestAnimationFrame(publish);
  };
  return {
    get: () => published,
    getDrag: () => pending.drag,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && frame) {
          cancelAnimationFrame(frame);
          frame = 0;
        }
      };
    },
    set: (hover) => update({ ...pending, hover }),
    setDrag: (drag) => update({ ...pending, drag }),
  };
}

export function usePointer(store: HoverStore): PointerState {
  return useSyncExternalStore(store.subscribe, store.get);
}
