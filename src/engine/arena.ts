/**
 * Every piece of mutable simulation state lives in one arena of Float64Array pages, so a snapshot
 * is a copy of the pages and a restore is a copy back: bit-identical continuation with no per-unit
 * save/load code to forget. Views handed out by `alloc` stay valid for the arena's life.
 */
/** The first page is large enough for any realistic plant, so hot readers (channels) index one array. */
const FIRST_PAGE_DOUBLES = 1 << 17;
const PAGE_DOUBLES = 1 << 14;

/**
 * State that cannot live in arena pages — a solver's warm start kept in its own object — joins
 * snapshots through this: `save` returns a copy, `load` puts one back.
 */
export interface ExternalState {
  save(): unknown;
  load(saved: unknown): void;
}

export interface ArenaSnapshot {
  readonly pages: readonly Float64Array[];
  readonly external: readonly unknown[];
}

export class StateArena {
  private readonly pages: Float64Array[] = [];
  private readonly external: ExternalState[] = [];
  private used = 0; // doubles used in the last page

  /** A zeroed view of `n` doubles that belongs to the simulation state. */
  alloc(n: number): Float64Array {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`arena: cannot allocate ${n} doubles`);
    let page = this.pages[this.pages.length - 1];
    if (page === undefined || this.used + n > page.length) {
      page = new Float64Array(Math.max(this.pages.length === 0 ? FIRST_PAGE_DOUBLES : PAGE_DOUBLES, n));
      this.pages.push(page);
      this.used = 0;
    }
    const view = page.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }

  /** Adds state held outside the pages (see ExternalState). */
  attach(holder: ExternalState): void {
    this.external.push(holder);
  }

  /** A copy of the whole state. */
  save(): ArenaSnapshot {
    const last = this.pages.length - 1;
    return {
      // the unused tail of the last page is all zeros and stays so: copy only what is used
      pages: this.pages.map((p, i) => p.slice(0, i === last ? this.used : p.length)),
      external: this.external.map((h) => h.save()),
    };
  }

  /** Puts back a state saved from this same arena. */
  load(saved: ArenaSnapshot): void {
    if (saved.pages.length !== this.pages.length || saved.external.length !== this.external.length) throw new Error('arena: snapshot is from another plant');
    saved.pages.forEach((p, i) => {
      const page = this.pages[i];
      if (page === undefined || p.length > page.length) throw new Error('arena: snapshot is from another plant');
      page.set(p);
    });
    saved.external.forEach((x, i) => this.external[i]!.load(x));
  }

  /** The first page, where (almost) all state lives; readers may index it directly. */
  get firstPage(): Float64Array | undefined {
    return this.pages[0];
  }

  get size(): number {
    return this.pages.reduce((n, p) => n + p.length, 0);
  }
}
