/**
 * What the app keeps in this browser's IndexedDB (idb-keyval): one database per kind of thing kept, since a
 * store cannot be added to an existing database without a version change. Where there is no IndexedDB (a
 * private window in some browsers, Node in the tests) or it fails (quota, a blocked database), the caller
 * keeps things for the session only: keeping is a convenience, never a reason for the app to fail.
 */
import { createStore, type UseStore } from 'idb-keyval';

export interface BrowserDb {
  /** Runs `io` on the store; undefined (and `onFail` called) where there is no IndexedDB or it failed. */
  attempt<T>(io: (store: UseStore) => Promise<T>): Promise<T | undefined>;
}

export function browserDb(database: string, store: string, onFail: () => void = () => {}): BrowserDb {
  let db: UseStore | null | undefined;
  return {
    async attempt(io) {
      if (db === undefined) db = typeof indexedDB === 'undefined' ? null : createStore(database, store);
      if (db === null) {
        onFail();
        return undefined;
      }
      try {
        return await io(db);
      } catch {
        onFail();
        return undefined;
      }
    },
  };
}
