// Light, dark and the high-contrast projector theme; remembered per machine.
import { useEffect, useState } from 'react';

export type ThemeName = 'light' | 'dark' | 'contrast';
const STORAGE_KEY = 'tessera.theme';

function initialTheme(): ThemeName {
  const saved = window.localStorage.getItem(STORAGE_KEY);
  if (saved === 'light' || saved === 'dark' || saved === 'contrast') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function useTheme(): [ThemeName, (theme: ThemeName) => void] {
  const [theme, setTheme] = useState<ThemeName>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    window.localStorage.setItem(STORAGE_KEY, theme);
  }, [theme]);
  return [theme, setTheme];
}
