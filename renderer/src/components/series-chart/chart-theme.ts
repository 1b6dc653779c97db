// Chart colours resolved from the theme's CSS variables. The SVG carries real colour values, not var(),
// so an exported PNG (the SVG drawn on its own, outside the page) looks like the chart on screen.
import { useSyncExternalStore } from 'react';

export interface ChartTheme {
  name: string;
  surface: string;
  text: string;
  muted: string;
  grid: string;
  axis: string;
  focus: string;
  danger: string;
  font: string;
}

function subscribe(callback: () => void): () => void {
  const observer = new MutationObserver(callback);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}

const themes = new Map<string, ChartTheme>();

function resolve(name: string): ChartTheme {
  const cached = themes.get(name);
  if (cached) return cached;
  const style = getComputedStyle(document.documentElement);
  const v = (key: string, fallback: string) => style.getPropertyValue(key).trim() || fallback;
  const theme = {
    name,
    surface: v('--surface', '#ffffff'),
    text: v('--text', '#1b1f24'),
    muted: v('--text-muted', '#5b6470'),
    grid: v('--chart-grid', '#e3e6ea'),
    axis: v('--chart-axis', '#5b6470'),
    focus: v('--focus', '#e69f00'),
    danger: v('--danger', '#b42318'),
    font: v('--font', 'system-ui, sans-serif'),
  };
  themes.set(name, theme);
  return theme;
}

export function useChartTheme(): ChartTheme {
  const name = useSyncExternalStore(subscribe, () => document.documentElement.dataset.theme ?? 'light');
  return resolve(name);
}
