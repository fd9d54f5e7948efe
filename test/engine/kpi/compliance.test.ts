import { describe, expect, it } from 'vitest';
import { StateArena } from '../../../src/engine/arena.ts';
import { compile } from '../../../src/engine/compile.ts';
import { C, NC } from '../../../src/engine/components.ts';
import { ModelError } from '../../../src/engine/errors.ts';
import { StreamTable } from '../../../src/engine/flowsheet/streams.ts';
import { ComplianceTracker, type ParameterCompliance } from '../../../src/engine/kpi/compliance.ts';
import { BUILTIN_STANDARDS } from '../../../src/engine/kpi/standards.ts';
import { createSimulation } from '../../../src/engine/simulate.ts';
import { model, param, steadyInfluent, stream, unit } from '../../fixtures/models.ts';
import { sepUnit } from '../../fixtures/separations.ts';

const T3 = 'GB21900-2008-T3';
const UNMODELLED = ['Ag', 'Hg', 'Al', 'petroleum', 'F'];

/**
 * The documented upset: a steady 10 m³/h effluent (Ni 0.05, Cu 0.1, SS 5, COD 8 mg/L, pH 7) takes a
 * spent-bath dump of 2.5 m³ at 20× over the hour from 12:00 to 13:00. For that hour the outlet carries
 * (10·1 + 2.5·20)/12.5 = 4.8× the base: Ni 0.24 mg/L and Cu 0.48 mg/L, above Table 3's 0.1 and 0.3;
 * SS (24) and COD (38.4) stay within 30 and 50.
 */
function upsetPlant() {
  return model(
    [
      steadyInfluent('in', 10, { Ni: 0.05, Cu: 0.1, SS_inert: 5, COD: 8, Na: 50, SO4: 80 }, {
        pH: param(7), dumps: param([{ day: 0.5, volume_m3: 2.5, factor: 20, duration_min: 60 }]),
      }),
      unit('out', 'discharge', { standard: param(T3) }),
    ],
    [stream('in.out', 'out.in')],
  );
}
const row = (rows: ParameterCompliance[], parameter: string, point = 'out') => rows.find((r) => r.parameter === parameter && r.point === point)!;

describe('compliance tracker', () => {
  it('reports % of time within limit, worst value and exceedance minutes for a documented upset', () => {
    const sim = createSimulation(compile(upsetPlant(), { file: 'upset' }));
    sim.run(86400);
    const [t3] = sim.summary().kpis.compliance;
    expect(t3!.id).toBe(T3);
    const ni = row(t3!.parameters, 'Ni'), cu = row(t3!.parameters, 'Cu');
    for (const r of [ni, cu]) {
      expect(r.status).toBe('exceeded');
      expect(r.sampled_min).toBeCloseTo(1440, 9);
      expect(r.exceedance_min).toBeCloseTo(60, 9);
      expect(r.exceedances).toBe(1);
      expect(r.within_pct!).toBeCloseTo((100 * 1380) / 1440, 9);
    }
    expect(ni.limit).toBe(0.1);
    expect(ni.worst!).toBeCloseTo(0.24, 12);
    expect(cu.worst!).toBeCloseTo(0.48, 12);
    expect(ni.min!).toBeCloseTo(0.05, 12);
    // time-mean: 23 h at 0.05 and 1 h at 0.24
    expect(ni.mean!).toBeCloseTo((23 * 0.05 + 0.24) / 24, 12);
    // Ni is a workshop-outlet parameter; without a workshop monitor it is read at the final outlet, and says so
    expect(ni.where).toBe('final outlet');
    expect(ni.note).toMatch(/workshop outlet/);
    for (const p of ['SS', 'COD', 'Cr_total', 'Cr6', 'Zn', 'CN_total', 'NH3N', 'TP']) {
      expect(row(t3!.parameters, p).status, p).toBe('compliant');
      expect(row(t3!.parameters, p).within_pct, p).toBe(100);
    }
    expect(row(t3!.parameters, 'SS').worst!).toBeCloseTo(24, 9);
    expect(t3!.exceeded.sort()).toEqual(['Cu', 'Ni']);
  });

  it('reports what the engine does not model as "not modelled", never compliant', () => {
    const sim = createSimulation(compile(upsetPlant(), { file: 'upset' }));
    sim.run(3600);
    const [t3] = sim.summary().kpis.compliance;
    for (const p of UNMODELLED) {
      const r = row(t3!.parameters, p);
      expect(r.status, p).toBe('not modelled');
      expect(r.modelled).toBe(false);
      expect(r.within_pct).toBeNull();
      expect(r.worst).toBeNull();
      // the case named, so the app says it in the reader's language
      expect(r.noteId).toBe('not_modelled');
    }
    expect(t3!.notModelled.sort()).toEqual([...UNMODELLED].sort());
    expect(t3!.name_zh).toContain('表3');
    // TN is modelled as NH3-N + NO3-N
    expect(row(t3!.parameters, 'TN').modelled).toBe(true);
    expect(row(t3!.parameters, 'TN').status).not.toBe('not modelled');
  });

  it('reads pH from the chemistry at the final outlet, and reports it "not modelled" without a pH hook', () => {
    const sim = createSimulation(compile(upsetPlant(), { file: 'upset' }));
    sim.run(86400);
    const ph = row(sim.summary().kpis.compliance[0]!.parameters, 'pH');
    expect(ph.modelled).toBe(true);
    expect(ph.limit).toEqual([6, 9]);
    expect(ph.status).toBe('compliant');
    expect(ph.worst!).toBeGreaterThan(6.5);
    expect(ph.worst!).toBeLessThan(7.5);

    const arena = new StateArena();
    const all = Int32Array.from({ length: NC }, (_, i) => i);
    const streams = new StreamTable(arena, 1, [], [all]);
    const tracker = new ComplianceTracker(arena, streams, [{ id: 'p', kind: 'final outlet', slots: Int32Array.of(0), standards: [] }], BUILTIN_STANDARDS);
    const c = new Float64Array(NC);
    c[C.Ni] = 0.3;
    streams.write(0, 0.01, c, all);
    tracker.sample(60);
    const rows = tracker.report()[0]!.parameters;
    expect(row(rows, 'pH', 'p').status).toBe('not modelled');
    expect(row(rows, 'pH', 'p').note).toMatch(/chemistry/);
    expect(row(rows, 'Ni', 'p').status).toBe('exceeded');
    // no flow, no judgement
    streams.write(0, 0, c, all);
    const fresh = new ComplianceTracker(arena, streams, [{ id: 'p', kind: 'final outlet', slots: Int32Array.of(0), standards: [] }], BUILTIN_STANDARDS);
    fresh.sample(60);
    expect(row(fresh.report()[0]!.parameters, 'Ni', 'p').status).toBe('no flow');
  });

  it('judges workshop-outlet metals at the workshop monitor, not at the diluted final outlet', () => {
    // nickel line at 0.3 mg/L Ni, diluted 1:5 by clean water before the final outlet (0.05 mg/L)
    const m = model(
      [
        steadyInfluent('ni', 2, { Ni: 0.3, Cu: 0.2 }),
        steadyInfluent('other', 8, { Na: 10 }),
        sepUnit('mon', 'monitor', { standards: param([T3]), workshop_outlet: param(true) }),
        unit('out', 'discharge', { standard: param(T3) }),
      ],
      [stream('ni.out', 'mon.in'), stream('mon.out', 'out.in'), stream('other.out', 'out.in')],
    );
    const sim = createSimulation(compile(m, { file: 'workshop' }));
    sim.run(86400);
    const rows = sim.summary().kpis.compliance[0]!.parameters;
    const ni = rows.filter((r) => r.parameter === 'Ni');
    expect(ni.map((r) => r.point)).toEqual(['mon']);
    expect(ni[0]!.where).toBe('workshop outlet');
    expect(ni[0]!.status).toBe('exceeded');
    expect(ni[0]!.worst!).toBeCloseTo(0.3, 12);
    // copper is not a workshop parameter: judged at the final outlet only, where it is 0.04 mg/L
    const cu = rows.filter((r) => r.parameter === 'Cu');
    expect(cu.map((r) => r.point)).toEqual(['out']);
    expect(cu[0]!.worst!).toBeCloseTo(0.04, 12);
    expect(cu[0]!.status).toBe('compliant');
  });

  it('judges reuse water against the reuse standard at its own monitor, never at the outfall, whatever standards the run picks', () => {
    // RO-like permeate (TDS ≈ 40 mg/L) to reuse; a salty concentrate (TDS ≈ 1,300) to the outfall, where GB/T 19923's
    // TDS 1,000 has no business
    const m = model(
      [
        steadyInfluent('permeate', 8, { Na: 10, Cl: 15, SO4: 15 }, { pH: param(7) }),
        steadyInfluent('brine', 2, { Na: 400, Cl: 600, SO4: 300 }, { pH: param(7) }),
        sepUnit('mon', 'monitor', { standards: param(['GBT19923-process']), workshop_outlet: param(false) }),
        unit('reuse', 'discharge', {}),
        unit('out', 'discharge', { standard: param(T3) }),
      ],
      [stream('permeate.out', 'mon.in'), stream('mon.out', 'reuse.in'), stream('brine.out', 'out.in')],
    );
    for (const standards of [undefined, ['GB21900-2008-T2']]) {
      const sim = createSimulation(compile(m, { file: 'reuse' }), standards === undefined ? {} : { standards });
      sim.run(86400);
      const k = sim.summary().kpis.compliance;
      expect(k.map((x) => x.id)).toEqual([standards?.[0] ?? T3, 'GBT19923-process']);
      const reuse = k[1]!.parameters;
      expect([...new Set(reuse.map((r) => r.point))]).toEqual(['mon']);
      expect(row(reuse, 'TDS', 'mon').status).toBe('compliant');
      expect(row(reuse, 'pH', 'mon').status).toBe('compliant');
      // judged by the monitor's own online analyser, whose readings are its pH channel
      const ph = sim.channelInfo().findIndex((c) => c.id === 'mon.pH');
      expect(ph).toBeGreaterThanOrEqual(0);
      const data = sim.channelData(0, [ph]);
      expect(Math.min(...data.min[0]!)).toBeCloseTo(row(reuse, 'pH', 'mon').min!, 4);
      expect(Math.max(...data.max[0]!)).toBeCloseTo(row(reuse, 'pH', 'mon').max!, 4);
      // and the discharge standards are not judged at the reuse monitor
      expect(k[0]!.parameters.some((r) => r.point === 'mon')).toBe(false);
    }
  });

  it('tracks several standards at once and refuses an unknown one', () => {
    const sim = createSimulation(compile(upsetPlant(), { file: 'upset' }), { standards: ['GB21900-2008-T2', 'GB11607-89-fishery'] });
    sim.run(86400);
    const k = sim.summary().kpis.compliance;
    expect(k.map((s) => s.id)).toEqual(['GB21900-2008-T2', 'GB11607-89-fishery']);
    // Table 2 allows 0.5 mg/L Ni: the upset's 0.24 passes; the fishery standard's 0.05 mg/L does not
    expect(row(k[0]!.parameters, 'Ni').status).toBe('compliant');
    expect(row(k[1]!.parameters, 'Ni').status).toBe('exceeded');
    expect(row(k[1]!.parameters, 'As').status).toBe('not modelled');
    expect(row(k[1]!.parameters, 'sulfide').status).toBe('compliant');
    expect(() => createSimulation(compile(upsetPlant(), { file: 'upset' }), { standards: ['GB-none'] })).toThrow(ModelError);
  });

  it('restores its statistics with a snapshot', () => {
    const sim = createSimulation(compile(upsetPlant(), { file: 'upset' }));
    sim.run(0.4 * 86400);
    const snap = sim.snapshot();
    sim.run(0.6 * 86400);
    const first = JSON.stringify(sim.summary().kpis.compliance);
    sim.restore(snap);
    sim.run(0.6 * 86400);
    expect(JSON.stringify(sim.summary().kpis.compliance)).toBe(first);
  });
});
