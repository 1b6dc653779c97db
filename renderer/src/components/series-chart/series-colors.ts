// Series colours for each theme: the Okabe–Ito hues (distinguishable with the common colour-vision
// deficiencies), each darkened or kept so that a line stands out from the chart's background by a WCAG
// contrast ratio of at least 3:1 (4.5:1 on the projector's contrast theme). Plain Okabe–Ito yellow on
// white is 1.3:1 and its orange and sky blue 2.3:1: near-invisible as thin lines.
export type ColorOf = (index: number) => string;

export const SERIES_COLORS = {
  // On white: orange, reddish purple, sky blue and yellow made darker (yellow becomes olive).
  light: ['#0072B2', '#BE8400', '#009E73', '#CA74A4', '#1D97DC', '#D55E00', '#9C920C', '#7F7F7F'],
  // On #1a1e24 every Okabe–Ito colour reaches 3:1; the deep blue barely, so it trades places with sky blue.
  dark: ['#56B4E9', '#E69F00', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442', '#7F7F7F'],
  // For a projector, 4.5:1 on white; sky blue would come too close to blue there, so a violet takes its place.
  contrast: ['#0072B2', '#9D6D00', '#008762', '#BC4F8C', '#5E3C99', '#C35600', '#80770A', '#767676'],
} as const satisfies Record<string, readonly string[]>;

export type SeriesTheme = keyof typeof SERIES_COLORS;

export function seriesColorsFor(theme: string): ColorOf {
  const palette: readonly string[] = SERIES_COLORS[(theme in SERIES_COLORS ? theme : 'light') as SeriesTheme];
  return (index) => palette[((index % palette.length) + palette.length) % palette.length]!;
}
