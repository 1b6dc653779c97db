// Series colours for the current theme, from the palette: on a dark background the palette's deep blue is
// hard to see, so it trades places with its sky blue (every colour stays an Okabe–Ito one).
import { SERIES_PALETTE, seriesColor } from '../../theme/palette';

export type ColorOf = (index: number) => string;

export function seriesColorsFor(theme: string): ColorOf {
  if (theme !== 'dark') return seriesColor;
  const size = SERIES_PALETTE.length;
  return (index) => {
    const slot = index % size;
    return SERIES_PALETTE[slot === 0 ? 4 : slot === 4 ? 0 : slot]!;
  };
}
