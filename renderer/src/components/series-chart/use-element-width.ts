// The width of an element as it resizes: a chart asks the core for one M4 column per pixel it draws.
// The ref is a callback, so an element that appears later (a page that first had nothing to chart) is
// measured when it does.
import { useCallback, useLayoutEffect, useState } from 'react';

/** A ref for the element, its width, and whether it was measured yet (a chart fetches only once it knows how many pixels it has). */
export function useElementWidth<T extends HTMLElement>(fallback = 800): [(element: T | null) => void, number, boolean] {
  const [element, setElement] = useState<T | null>(null);
  const [width, setWidth] = useState(fallback);
  const [measured, setMeasured] = useState(false);
  const ref = useCallback((next: T | null) => setElement(next), []);
  useLayoutEffect(() => {
    if (!element) return;
    let frame = 0;
    const measure = () => {
      const next = Math.max(200, Math.floor(element.getBoundingClientRect().width));
      setWidth((previous) => (previous === next ? previous : next));
      setMeasured(true);
    };
    measure();
    // Resizing fires many times a second; the width (and with it a refetch) settles once per frame.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  }, [element]);
  return [ref, width, measured];
}
