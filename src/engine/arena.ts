/**
 * Every piece of mutable simulation state lives in one arena of Float64Array pages, so a snapshot
 * is a copy of the pages and a restore is a copy back: bit-identical continuation with no per-unit
 * save/load code to forget. Views handed out by `alloc` stay valid for the arena's life.
 */
/** The first page is large enough for any realistic plant, so hot readers (channels) index one array. */
const FIRST_PAGE_DOUBLES = 1 << 17;
const PAGE_DOUBLES = 1 << 14;

export class StateArena {
  private readonly pages: Float64Array[] = [];
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

  /** A copy of the whole state. */
  save(): Float64Array[] {
    const last = this.pages.length - 1;
    // the unused tail of the last page is all zeros and stays so: copy only what is used
    return this.pages.map((p, i) => p.slice(0, i === last ? this.used : p.length));
  }

  /** Puts back a state saved from this same arena. */
  load(saved: readonly Float64Array[]): void {
    if (saved.length !== this.pages.length) throw new Error('arena: snapshot is from another plant');
    saved.forEach((p, i) => {
      const page = this.pages[i];
      if (page === undefined || p.length > page.length) throw new Error('arena: snapshot is from another plant');
      page.set(p);
    });
  }

  /** The first page, where (almost) all state lives; readers may index it directly. */
  get firstPage(): Float64Array | undefined {
    return this.pages[0];
  }

  get size(): number {
    return this.pages.reduce((n, p) => n + p.length, 0);
  }
}
