import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileText } from '../../src/engine/compile.ts';
import { channelsCsv } from '../../src/engine/export.ts';
import { createSimulation } from '../../src/engine/simulate.ts';

const modelText = readFileSync(new URL('../../models/default-park.json', import.meta.url), 'utf8');

describe('channels as CSV (the CLI file and the app export)', () => {
  const sim = createSimulation(compileText(modelText, { file: 'models/default-park.json' }), { output_interval_s: 3600 });
  sim.run(6 * 3600);
  const infos = sim.channelInfo();
  const pick = ['inf-ni.out/flow_m3_h', 'eq-ni.level_m'].map((id) => infos.findIndex((c) => c.id === id));

  it('writes the chosen channels in the order chosen, mean, min and max with their units', () => {
    const lines = channelsCsv(sim, [pick[1]!, pick[0]!]).trim().split('\n');
    expect(lines[0]).toBe('t_h [h],eq-ni.level_m mean [m],eq-ni.level_m min [m],eq-ni.level_m max [m],inf-ni.out/flow_m3_h mean [m³/h],inf-ni.out/flow_m3_h min [m³/h],inf-ni.out/flow_m3_h max [m³/h]');
    expect(lines).toHaveLength(7);
    const d = sim.channelData(0, pick);
    lines.slice(1).forEach((line, k) => {
      const v = line.split(',').map(Number);
      expect(v[0]).toBe(k + 1);
      // min ≤ mean ≤ max, and the values are the recorded ones
      expect(v[2]!).toBeLessThanOrEqual(v[1]!);
      expect(v[1]!).toBeLessThanOrEqual(v[3]!);
      expect(v[1]).toBeCloseTo(d.mean[1]![k]!, 4);
      expect(v[4]).toBeCloseTo(d.mean[0]![k]!, 3);
      expect(v[6]).toBeCloseTo(d.max[0]![k]!, 3);
    });
  });

  it('writes every channel when none are chosen, and names a channel that does not exist', () => {
    const head = channelsCsv(sim).split('\n', 1)[0]!.split(',');
    expect(head).toHaveLength(1 + 3 * infos.length);
    expect(() => channelsCsv(sim, [infos.length + 5])).toThrow(`channels: no channel ${infos.length + 5} (there are ${infos.length})`);
  });

  it('writes the rows of a window (as the zoomed trends show it): every interval that overlaps it, no other', () => {
    // hours 1–6 recorded; a window from 2.5 h to 4 h overlaps the intervals ending at 3 and 4 h
    const lines = channelsCsv(sim, [pick[1]!], { from_s: 2.5 * 3600, to_s: 4 * 3600 }).trim().split('\n');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual([3, 4]);
    expect(lines.slice(1)).toEqual(channelsCsv(sim, [pick[1]!]).trim().split('\n').slice(3, 5));
    // a window past the run holds no rows, only the header
    expect(channelsCsv(sim, [pick[1]!], { from_s: 100 * 3600, to_s: 200 * 3600 }).trim().split('\n')).toHaveLength(1);
  });
});
