// Series colours: Okabe–Ito, distinguishable with the common colour-vision deficiencies, in an order
// that keeps neighbours far apart. Every chart takes its colours from here.
export const SERIES_PALETTE = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#CC79A7', // reddish purple
  '#56B4E9', // sky blue
  '#D55E00', // vermillion
  '#F0E442', // yellow
  '#7f7f7f', // grey
] as const;

/** Dashes that tell series apart without colour once the palette repeats. */
export const SERIES_DASHES = ['', '6 3', '2 2', '8 3 2 3'] as const;

export function seriesColor(index: number): string {
  return SERIES_PALETTE[index % SERIES_PALETTE.length]!;
}

export function seriesDash(index: number): string {
  return SERIES_DASHES[Math.floor(index / SERIES_PALETTE.length) % SERIES_DASHES.length]!;
}

export const VERDICT_COLORS = {
  better: '#009E73',
  worse: '#D55E00',
  neutral: '#7f7f7f',
} as const;

/**
 * A sequential ramp for ordered quantities (model size): viridis, readable with the common
 * colour-vision deficiencies and in greyscale. Marks drawn with it get an outline in the text
 * colour, so its dark end shows on dark themes and its light end on light ones.
 */
export const SEQUENTIAL_RAMP = ['#440154', '#482878', '#3e4989', '#31688e', '#26828e', '#1f9e89', '#35b779', '#6ece58', '#b5de2b', '#fde725'] as const;

/** The ramp's colour at t in [0, 1], interpolated between its stops. */
export function sequentialColor(t: number): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (SEQUENTIAL_RAMP.length - 1);
  const i = Math.min(SEQUENTIAL_RAMP.length - 2, Math.floor(x));
  const f = x - i;
  const a = SEQUENTIAL_RAMP[i]!;
  const b = SEQUENTIAL_RAMP[i + 1]!;
  const channel = (k: number) => Math.round(parseInt(a.slice(k, k + 2), 16) * (1 - f) + parseInt(b.slice(k, k + 2), 16) * f);
  return `#${[1, 3, 5].map((k) => channel(k).toString(16).padStart(2, '0')).join('')}`;
}
