// The model sizes the demo lab trains, with the hardware and batch each size gets.
export interface ModelSize {
  label: string;
  params: number;
  nonEmbeddingParams: number;
  layers: number;
  dModel: number;
  chips: number;
  batchTokens: number;
  /** Best peak learning rate at this size (the optimum of the sweeps). */
  bestLr: number;
  /** Model FLOPs utilisation: small models use the chips worse. */
  mfu: number;
}

const VOCAB = 32_000;

function size(label: string, params: number, layers: number, dModel: number, chips: number, batchTokens: number, bestLr: number, mfu: number): ModelSize {
  return { label, params, nonEmbeddingParams: params - VOCAB * dModel, layers, dModel, chips, batchTokens, bestLr, mfu };
}

export const MODEL_SIZES: readonly ModelSize[] = [
  size('51M', 5.1e7, 8, 512, 8, 524_288, 1.5e-3, 0.28),
  size('124M', 1.24e8, 12, 768, 16, 524_288, 1.0e-3, 0.33),
  size('302M', 3.02e8, 24, 1024, 32, 1_048_576, 7.5e-4, 0.38),
  size('708M', 7.08e8, 24, 1536, 64, 1_048_576, 5.0e-4, 0.42),
  size('1.46B', 1.46e9, 32, 2048, 128, 2_097_152, 3.5e-4, 0.45),
  size('3.02B', 3.02e9, 40, 2560, 256, 4_194_304, 2.5e-4, 0.48),
];

export function modelSize(label: string): ModelSize {
  const found = MODEL_SIZES.find((s) => s.label === label);
  if (!found) throw new Error(`unknown demo model size "${label}"`);
  return found;
}

/** Peak bf16 FLOP/s of one TPU v5p chip. */
export const CHIP_PEAK_FLOPS = 4.59e14;

/** "2.9e10" → "29B": how people write token counts in run names. */
export function humanCount(value: number): string {
  const units: [number, string][] = [[1e12, 'T'], [1e9, 'B'], [1e6, 'M'], [1e3, 'k']];
  for (const [scale, unit] of units) {
    if (value >= scale) {
      const scaled = value / scale;
      return `${scaled >= 100 ? Math.round(scaled) : Number(scaled.toPrecision(3))}${unit}`;
    }
  }
  return String(value);
}
