// Starting points for the multi-start fit, in the published parametrization (a = log A, b = log B, e = log E).

export interface StartGrid {
  alpha: readonly number[];
  beta: readonly number[];
  e: readonly number[];
  a: readonly number[];
  b: readonly number[];
}

const range = (from: number, to: number, step: number): number[] => {
  const values: number[] = [];
  for (let v = from; v <= to + 1e-9; v += step) values.push(Math.round(v * 1e9) / 1e9);
  return values;
};

/** Hoffmann et al. (2022) grid, with e extended to 1.5 (E up to 4.5): 5·5·6·6·6 = 5,400 starts. */
export const CHINCHILLA_START_GRID: StartGrid = {
  alpha: range(0, 2, 0.5),
  beta: range(0, 2, 0.5),
  e: range(-1, 1.5, 0.5),
  a: range(0, 25, 5),
  b: range(0, 25, 5),
};

/** Extra starts for bootstrap refits, which also start from the full-data optimum. */
export const BOOTSTRAP_START_GRID: StartGrid = {
  alpha: [0.5],
  beta: [0.5],
  e: [-1, 0.5],
  a: [5, 15],
  b: [5, 15],
};

export interface GridStart {
  a: number;
  b: number;
  alpha: number;
  beta: number;
  e: number;
}

/** Cartesian product of the grid; with `withE` false, e is left at 0 and not varied. */
export function gridStarts(grid: StartGrid, withE = true): GridStart[] {
  const starts: GridStart[] = [];
  const eValues = withE ? grid.e : [0];
  for (const alpha of grid.alpha)
    for (const beta of grid.beta)
      for (const e of eValues)
        for (const a of grid.a) for (const b of grid.b) starts.push({ a, b, alpha, beta, e });
  return starts;
}
