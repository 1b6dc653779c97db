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
