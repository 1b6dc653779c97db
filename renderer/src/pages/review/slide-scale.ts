// Slides are laid out for 1920×1080. On a smaller screen (a laptop presenting, the page's preview)
// type, spacing and chart heights shrink together by one factor, so a slide never spills over; on
// a projector at 1920×1080 the factor is 1.
import { createContext, useContext, useLayoutEffect, useState, type RefObject } from 'react';

export const SLIDE_WIDTH = 1920;
export const SLIDE_HEIGHT = 1080;

export const SlideScaleContext = createContext(1);

export function useSlideScale(): number {
  return useContext(SlideScaleContext);
}

/** The factor that fits a 1920×1080 slide into the element (by width only when `byWidth`). */
export function useFitScale(ref: RefObject<HTMLElement | null>, byWidth = false): number {
  const [scale, setScale] = useState(1);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const { width, height } = element.getBoundingClientRect();
      const fit = byWidth ? width / SLIDE_WIDTH : Math.min(width / SLIDE_WIDTH, height / SLIDE_HEIGHT);
      setScale(Math.min(1, Math.max(0.3, Number(fit.toFixed(3)))));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  });
  return scale;
}
