/**
 * Pacing of the simulation host's run loop (host.ts): how it yields to the event loop between
 * chunks, how big a chunk is, and how a run keeps to real time.
 */
const now = (): number => performance.now();

/**
 * Yields to the event loop between chunks. A message to ourselves avoids the ≥4 ms clamp of nested
 * setTimeout(0), but some hosts drain a port's self-posted messages in one go (Node handles up to
 * ~1000 per callback, starving other ports), so at least every TIMER_YIELD_MS we yield through a
 * timer, which always lets pending messages (pause, act) in. The channel is closed when the loop
 * stops so an idle host keeps nothing alive.
 */
const TIMER_YIELD_MS = 50;

export function openYield(): { next: () => Promise<void>; close: () => void } {
  const timer = () => new Promise<void>((r) => setTimeout(r, 0));
  if (typeof MessageChannel === 'undefined') return { next: timer, close: () => {} };
  const ch = new MessageChannel();
  const waiting: (() => void)[] = [];
  let lastTimer = now();
  ch.port1.onmessage = () => waiting.shift()?.();
  return {
    next: () => {
      const t = now();
      if (t - lastTimer >= TIMER_YIELD_MS) {
        lastTimer = t;
        return timer();
      }
      return new Promise<void>((r) => {
        waiting.push(r);
        ch.port2.postMessage(0);
      });
    },
    close: () => {
      ch.port1.onmessage = null;
      ch.port1.close();
      ch.port2.close();
      for (const r of waiting.splice(0)) r();
    },
  };
}

/**
 * How the host's run loop spends time: chunks sized from the measured step rate to take about
 * `chunkMs` of CPU, real-time pacing for speeds other than 'max' (a fixed-step accumulator that drops
 * a backlog over `maxBacklogMs` rather than bursting to catch up), and a sleep a pause or a new speed
 * can cut short.
 */
export class Pacer {
  readonly #chunkMs: number;
  readonly #maxBacklogMs: number;
  #stepsPerMs = 0;
  #anchorWall = 0;
  #anchorSteps = 0;
  #wake: (() => void) | null = null;

  constructor(chunkMs: number, maxBacklogMs: number) {
    this.#chunkMs = chunkMs;
    this.#maxBacklogMs = maxBacklogMs;
  }

  /** Steps the next chunk should take. */
  chunkSteps(): number {
    if (this.#stepsPerMs <= 0) return 1;
    return Math.max(1, Math.floor(this.#chunkMs * this.#stepsPerMs));
  }

  /** Learns the step rate from a chunk of `n` steps that took `ms`. */
  learn(n: number, ms: number): void {
    // Below ~1 ms the timer resolution makes the rate meaningless: just grow the chunk.
    if (ms < 1) {
      this.#stepsPerMs = Math.max(this.#stepsPerMs * 2, (2 * n) / this.#chunkMs);
      return;
    }
    const rate = n / ms;
    this.#stepsPerMs = this.#stepsPerMs > 0 ? 0.7 * this.#stepsPerMs + 0.3 * rate : rate;
  }

  /** Real time restarts counting from now, at the simulation's step count `steps`. */
  reanchor(steps: number): void {
    this.#anchorWall = now();
    this.#anchorSteps = steps;
  }

  /** Steps owed to real time (fixed-step accumulator, clamped so a backlog is dropped, not burst). */
  dueSteps(steps: number, speed: number, step_s: number): number {
    const msPerStep = (step_s * 1000) / speed;
    const owed = Math.floor((now() - this.#anchorWall) / msPerStep) - (steps - this.#anchorSteps);
    if (owed * msPerStep > this.#maxBacklogMs && owed > 1) {
      this.reanchor(steps);
      return 1;
    }
    return owed;
  }

  /** Wall milliseconds until the next step is due (at most a second). */
  msToNextStep(steps: number, speed: number, step_s: number): number {
    const msPerStep = (step_s * 1000) / speed;
    const nextAt = this.#anchorWall + (steps - this.#anchorSteps + 1) * msPerStep;
    return Math.max(0, Math.min(1000, nextAt - now()));
  }

  /** Sleeps `ms`, or until `wake()`. */
  sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      this.#wake = done;
      function done() {
        clearTimeout(timer);
        resolve();
      }
    }).then(() => {
      this.#wake = null;
    });
  }

  wake(): void {
    this.#wake?.();
  }
}
