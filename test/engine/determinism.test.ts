import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/compile.ts';
import { createSimulation } from '../../src/engine/simulate.ts';
import type { ChannelData } from '../../src/engine/api.ts';
import { defaultParkJson } from '../fixtures/models.ts';

const plant = () => compile(defaultParkJson(), { file: 'models/default-park.json' });
const sameBits = (a: ChannelData, b: ChannelData) => {
  expect(a.count).toBe(b.count);
  expect(Buffer.from(a.t_s.buffer).equals(Buffer.from(b.t_s.buffer))).toBe(true);
  a.mean.forEach((m, i) => {
    expect(Buffer.from(m.buffer).equals(Buffer.from(b.mean[i]!.buffer)), `mean ${i}`).toBe(true);
    expect(Buffer.from(a.min[i]!.buffer).equals(Buffer.from(b.min[i]!.buffer))).toBe(true);
    expect(Buffer.from(a.max[i]!.buffer).equals(Buffer.from(b.max[i]!.buffer))).toBe(true);
  });
};

describe('determinism', () => {
  it('gives bit-identical results for the same seed', () => {
    const a = createSimulation(plant(), { seed: 7, duration_s: 10 * 86400 });
    const b = createSimulation(plant(), { seed: 7, duration_s: 10 * 86400 });
    a.run(10 * 86400);
    b.run(10 * 86400);
    sameBits(a.channelData(), b.channelData());
    expect(a.massBalance()).toEqual(b.massBalance());
  });

  it('gives another influent for another seed', () => {
    const a = createSimulation(plant(), { seed: 7, duration_s: 2 * 86400 });
    const b = createSimulation(plant(), { seed: 8, duration_s: 2 * 86400 });
    a.run(2 * 86400);
    b.run(2 * 86400);
    const idx = a.channelInfo().findIndex((c) => c.id === 'inf-ni.out/flow_m3_h');
    const fa = a.channelData().mean[idx]!, fb = b.channelData().mean[idx]!;
    let differ = 0;
    for (let i = 0; i < fa.length; i++) if (Math.abs(fa[i]! - fb[i]!) > 1e-3 * fa[i]!) differ++;
    expect(differ).toBeGreaterThan(fa.length * 0.9);
  });

  it('gives two designs on the same seed the same influent: a probe fewer, quieter probes and a noise switched off elsewhere change none of it', () => {
    const other = defaultParkJson() as { units: { id: string; params: Record<string, { value: Record<string, unknown> }> }[] };
    const unit = (id: string) => other.units.find((u) => u.id === id)!.params;
    // the cyanide stage 2 trims its hypochlorite by a ratio instead of its ORP probe; the polish's probes go quiet;
    // the nickel rinse loses its flow noise
    unit('cn-2')['oxidant']!.value = { ...unit('cn-2')['oxidant']!.value, controller: { type: 'ratio', dose_mg_L: 20 } };
    delete unit('cn-2')['oxidant']!.value['probe'];
    for (const loop of ['base', 'sulfide']) (unit('precip')[loop]!.value['probe'] as { noise_sd: number }).noise_sd = 0;
    unit('inf-ni')['flow_cv']!.value = 0 as unknown as Record<string, unknown>;
    const a = createSimulation(plant(), { seed: 5, duration_s: 30 * 86400 });
    const b = createSimulation(compile(other, { file: 'variant.json' }), { seed: 5, duration_s: 30 * 86400 });
    a.run(30 * 86400);
    b.run(30 * 86400);
    const da = a.channelData(), db = b.channelData(), ib = b.channelInfo();
    const influents = a.channelInfo().flatMap((c, i) => (/^inf-(cn|cr|cx|pt|mx)\.out\//.test(c.id) ? [[c.id, i] as const] : []));
    expect(influents.length).toBeGreaterThan(20);
    const bits = (v: Float32Array) => Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    for (const [id, i] of influents) {
      const j = ib.findIndex((c) => c.id === id);
      expect(bits(da.max[i]!).equals(bits(db.max[j]!)), id).toBe(true);
      expect(bits(da.mean[i]!).equals(bits(db.mean[j]!)), id).toBe(true);
    }
    // the nickel rinse's concentration noise and its dumps are its own too: same peaks, flows apart
    const ni = (d: typeof da, info: ReturnType<typeof a.channelInfo>, id: string) => d.mean[info.findIndex((c) => c.id === id)]!;
    expect(Math.max(...ni(db, ib, 'inf-ni.out/flow_m3_h'))).not.toBe(Math.max(...ni(da, a.channelInfo(), 'inf-ni.out/flow_m3_h')));
  });

  it('continues bit-identically after snapshot → run → restore', () => {
    const sim = createSimulation(plant(), { seed: 3, duration_s: 6 * 86400 });
    sim.run(2 * 86400 + 1234 * 60); // a snapshot in the middle of an output interval
    const snap = sim.snapshot();
    sim.run(3 * 86400);
    const first = sim.channelData(0);
    const booksFirst = sim.massBalance();
    sim.restore(snap);
    expect(sim.t_s).toBe(snap.t_s);
    sim.run(3 * 86400);
    sameBits(sim.channelData(0), first);
    expect(sim.massBalance()).toEqual(booksFirst);
  });

  it('runs the same whether advanced in one call or in many chunks', () => {
    const a = createSimulation(plant(), { seed: 11 });
    const b = createSimulation(plant(), { seed: 11 });
    a.run(3 * 86400);
    for (let i = 0; i < 72; i++) b.run(3600);
    sameBits(a.channelData(), b.channelData());
  });
});
