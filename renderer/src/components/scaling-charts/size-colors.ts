// Model size → colour on the sequential ramp, in log N between the smallest and largest size shown.
import { sequentialColor } from '../../theme/palette';

export interface SizeScale {
  color(N: number): string;
  sizes: number[];
}

/** On the dark theme the ramp starts a quarter in: its darkest purple would vanish into the background. */
export function sizeScale(values: readonly number[], theme = 'light'): SizeScale {
  const start = theme === 'dark' ? 0.25 : 0;
  const sizes = [...new Set(values.filter((v) => v > 0))].sort((a, b) => a - b);
  const lo = Math.log(sizes[0] ?? 1);
  const hi = Math.log(sizes.at(-1) ?? 1);
  return {
    sizes,
    color: (N) => sequentialColor(start + (1 - start) * (hi > lo ? (Math.log(N) - lo) / (hi - lo) : 0.5)),
  };
}
