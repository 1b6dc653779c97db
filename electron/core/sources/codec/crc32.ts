// The two CRC-32s the source formats frame records with: CRC-32C (Castagnoli, reflected polynomial
// 0x82F63B78) in TFRecord, and zlib's CRC-32 (IEEE, 0xEDB88320) in W&B's LevelDB-style log.
// Slice-by-8 tables: every byte of those files passes through here, so this is the hot loop.

const CASTAGNOLI = 0x82f63b78;
const IEEE = 0xedb88320;

function buildTables(POLY: number): Uint32Array[] {
  const tables = Array.from({ length: 8 }, () => new Uint32Array(256));
  const t0 = tables[0]!;
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[i] = c >>> 0;
  }
  for (let i = 0; i < 256; i++) {
    let c = t0[i]!;
    for (let t = 1; t < 8; t++) {
      c = (t0[c & 0xff]! ^ (c >>> 8)) >>> 0;
      tables[t]![i] = c;
    }
  }
  return tables;
}

type Tables = [Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array, Uint32Array];
const CASTAGNOLI_TABLES = buildTables(CASTAGNOLI) as Tables;
const IEEE_TABLES = buildTables(IEEE) as Tables;

/** CRC-32C of bytes[start, end). */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return update(CASTAGNOLI_TABLES, 0, bytes, start, end);
}

/** zlib.crc32(bytes[start, end), previous): the IEEE CRC-32, continuing from `previous` (0 to start afresh). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length, previous = 0): number {
  return update(IEEE_TABLES, previous, bytes, start, end);
}

function update([T0, T1, T2, T3, T4, T5, T6, T7]: Tables, previous: number, bytes: Uint8Array, start: number, end: number): number {
  let crc = (previous ^ 0xffffffff) >>> 0;
  let i = start;
  const fast = end - ((end - i) & 7);
  while (i < fast) {
    const lo = (crc ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>> 0;
    crc =
      T7[lo & 0xff]! ^
      T6[(lo >>> 8) & 0xff]! ^
      T5[(lo >>> 16) & 0xff]! ^
      T4[lo >>> 24]! ^
      T3[bytes[i + 4]!]! ^
      T2[bytes[i + 5]!]! ^
      T1[bytes[i + 6]!]! ^
      T0[bytes[i + 7]!]!;
    i += 8;
  }
  while (i < end) crc = T0[(crc ^ bytes[i++]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** The masked form TFRecord stores, so that CRCs of data containing CRCs stay well distributed. */
export function maskCrc32c(crc: number): number {
  return ((((crc >>> 15) | (crc << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

export function maskedCrc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  return maskCrc32c(crc32c(bytes, start, end));
}
