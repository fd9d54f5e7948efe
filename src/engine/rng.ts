import type { StateArena } from './arena.ts';

/**
 * A seeded PRNG (sfc32), its state kept in the arena so snapshots capture it. Deterministic bit for
 * bit for a given seed on every JavaScript engine. A run draws from one stream per purpose
 * (`streamSeed`), so what one unit draws never shifts what another gets.
 */
export class Rng {
  private readonly s: Float64Array;

  constructor(arena: StateArena, seed: number) {
    this.s = arena.alloc(6); // a, b, c, d, spare normal, has-spare flag
    this.reseed(seed);
  }

  reseed(seed: number): void {
    const s = this.s;
    // splitmix32 spreads any integer seed over the four words
    let x = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      s[i] = (z ^ (z >>> 16)) >>> 0;
    }
    s[4] = 0;
    s[5] = 0;
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  nextU32(): number {
    const s = this.s;
    let a = s[0]! >>> 0, b = s[1]! >>> 0, c = s[2]! >>> 0, d = s[3]! >>> 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    s[0] = a >>> 0; s[1] = b; s[2] = c; s[3] = d;
    return t;
  }

  /** Uniform on [0, 1). */
  uniform(): number {
    return this.nextU32() / 4294967296;
  }

  /** Standard normal (Box–Muller, the second value kept for the next call). */
  normal(): number {
    const s = this.s;
    if (s[5] === 1) {
      s[5] = 0;
      return s[4]!;
    }
    let u = this.uniform();
    if (u < 1e-300) u = 1e-300;
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    const th = 2 * Math.PI * v;
    s[4] = r * Math.sin(th);
    s[5] = 1;
    return r * Math.cos(th);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.uniform());
  }
}

/**
 * The seed of one random stream of a run: the run's seed and the stream's key (`unit/purpose`)
 * hashed together (FNV-1a, then a murmur3 finish). Two designs run on the same seed meet the same
 * influent noise and the same random dumps, however many probes or units one of them adds: a
 * comparison of the two measures the design, not luck.
 */
export function streamSeed(runSeed: number, key: string): number {
  let h = (0x811c9dc5 ^ runSeed) >>> 0;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
