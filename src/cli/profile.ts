/**
 * Where a run's time goes, for `bench --profile`: V8's sampling profiler (node:inspector) over a run,
 * self time summed per source file of the project (`units/clarifier.ts`, `chemistry/metals.ts`, `channels.ts`),
 * as a share of the run. Sampling, so it barely slows the run it measures; the timed figures of the
 * benchmark are taken before it, on their own.
 */
import { Session } from 'node:inspector/promises';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Share of the time (%, one decimal) per project source file, largest first, files under `min_pct` summed as "other". */
export async function profileShares(run: () => void, min_pct = 0.5): Promise<Record<string, number>> {
  const session = new Session();
  session.connect();
  try {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    run();
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    return sharesOf(profile, min_pct);
  } finally {
    session.disconnect();
  }
}

function sharesOf(profile: CpuProfile, min_pct: number): Record<string, number> {
  const where = new Map<number, string>();
  for (const n of profile.nodes) where.set(n.id, placeOf(n.callFrame));
  const time = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const place = where.get(id) ?? 'other';
    time.set(place, (time.get(place) ?? 0) + dt);
    total += dt;
  });
  const out: Record<string, number> = {};
  let other = 0;
  for (const [place, t] of [...time].sort((a, b) => b[1] - a[1])) {
    const pct = total > 0 ? (100 * t) / total : 0;
    if (pct >= min_pct && place !== 'other') out[place] = Math.round(pct * 10) / 10;
    else other += pct;
  }
  if (other > 0) out['other'] = Math.round(other * 10) / 10;
  return out;
}

/** `units/clarifier.ts` for a project source, `(garbage collector)` for V8's own entries, `other` for the rest. */
function placeOf(frame: ProfileNode['callFrame']): string {
  const at = frame.url.indexOf('/src/');
  if (at >= 0) return frame.url.slice(at + 5).replace(/^engine\//, '');
  if (frame.url === '' && frame.functionName.startsWith('(')) return frame.functionName;
  return 'other';
}
