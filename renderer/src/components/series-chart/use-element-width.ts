// The width of an element as it resizes: a chart asks the core for one M4 column per pixel it draws.
import { useLayoutEffect, useRef, useState } from 'react';

/** The width, and whether it was measured yet (a chart fetches only once it knows how many pixels it has). */
export function useElementWidth<T extends HTMLElement>(fallback = 800): [React.RefObject<T | null>, number, boolean] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  const [measured, setMeasured] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
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
  }, []);
  return [ref, width, measured];
}
