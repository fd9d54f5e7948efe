/**
 * Low-rate views of the streamed rows for panels: a value recomputed at most every `ms` while rows
 * arrive, and React re-renders only when the result changes. Frame-rate consumers (the 3D twin)
 * read the rows directly instead.
 */
import { useEffect, useRef, useState } from 'react';
import { rows } from '../state/runStore.ts';

export function useLive<T>(compute: () => T, equal: (a: T, b: T) => boolean, ms: number, deps: readonly unknown[]): T {
  const [value, setValue] = useState(compute);
  const last = useRef(value);
  const fn = useRef(compute);
  fn.current = compute;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const update = () => {
      timer = null;
      const v = fn.current();
      if (!equal(v, last.current)) {
        last.current = v;
        setValue(v);
      }
    };
    update();
    const off = rows.subscribe(() => {
      if (timer === null) timer = setTimeout(update, ms);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `deps` names what `compute` reads
  }, deps);
  return value;
}

export const sameArray = <T,>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
