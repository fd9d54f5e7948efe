import type { StateArena } from '../../../src/engine/arena.ts';

/**
 * A first-order process for the tests, its state in the arena: τ·dy/dt = gain·u + load − y,
 * updated exactly for u and load held over the step.
 */
export class FirstOrderProcess {
  private readonly s: Float64Array;
  constructor(arena: StateArena, readonly gain: number, readonly tau_s: number, y0: number) {
    this.s = arena.alloc(1);
    this.s[0] = y0;
  }
  get y(): number {
    return this.s[0]!;
  }
  update(dt_s: number, u: number, load = 0): number {
    const ss = this.gain * u + load;
    this.s[0] = ss + (this.s[0]! - ss) * Math.exp(-dt_s / this.tau_s);
    return this.s[0]!;
  }
}
