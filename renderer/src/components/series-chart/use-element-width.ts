// The width of an element as it resizes: a chart asks the core for one M4 column per pixel it draws.
import { useLayoutEffect, useRef, useState } from 'react';

export function useElementWidth<T extends HTMLElement>(fallback = 800): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(fallback);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    let frame = 0;
    const measure = () => {
      const next = Math.max(200, Math.floor(element.getBoundingClientRect().width));
      setWidth((previous) => (previous === next ? previous : next));
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
  return [ref, width];
}
