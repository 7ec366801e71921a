// The seedable generator behind `rand()` (docs/semantics.md §9): evaluations must be reproducible, so
// `rand()` draws from this instead of Math.random. A splitmix32-style generator (Weyl sequence
// through the murmur3 finaliser): tiny, fast, platform-independent, good enough for formulas.

// murmur3's 32-bit finaliser: a bijection on 32-bit integers with full avalanche.
function fmix32(h: number): number {
  let z = h | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

// Any number to 32 bits via its IEEE bit pattern (big-endian, so every platform agrees). 0 and -0
// give the same seed, as do all NaNs; distinct other doubles almost always give distinct seeds.
function hashSeed(seed: number): number {
  const value = Number.isNaN(seed) ? Number.NaN : seed === 0 ? 0 : seed;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return fmix32(view.getUint32(4) ^ fmix32(view.getUint32(0) + 0x9e3779b9));
}

/**
 * A deterministic generator of doubles uniform in [0, 1) (never 1), with 53 random bits each.
 * The same seed always gives the same sequence. Never throws, whatever the seed.
 */
export function createRandom(seed: number): () => number {
  let state = typeof seed === 'number' ? hashSeed(seed) : 0;
  const next32 = (): number => {
    state = (state + 0x9e3779b9) | 0;
    return fmix32(state);
  };
  return () => {
    const high = next32() >>> 5; // 27 bits
    const low = next32() >>> 6; // 26 bits
    // (high * 2^26 + low) < 2^53 exactly, so the quotient is < 1 and exact.
    return (high * 67_108_864 + low) / 9_007_199_254_740_992;
  };
}
