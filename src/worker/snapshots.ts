/** The host's snapshots, by id: the newest MAX_SNAPSHOTS kept, the oldest dropped first (a trainer's rewind points). */
import type { Snapshot } from '../engine/api.ts';

const MAX_SNAPSHOTS = 16;

export class SnapshotShelf {
  readonly #byId = new Map<number, Snapshot>();
  #next = 1;

  /** Keeps `snap` and returns its id. */
  keep(snap: Snapshot): number {
    const id = this.#next++;
    this.#byId.set(id, snap);
    // Map keeps insertion order: the first key is the oldest
    while (this.#byId.size > MAX_SNAPSHOTS) this.#byId.delete(this.#byId.keys().next().value!);
    return id;
  }

  get(id: number): Snapshot | undefined {
    return this.#byId.get(id);
  }

  clear(): void {
    this.#byId.clear();
  }
}
