/**
 * A full park for the 3D twin's performance check: 49 units covering every unit type the scene
 * draws (including those the engine does not have yet, and one it will never know, to exercise
 * the generic fallback), with streams and channels named the way the engine names them, and
 * rows of plausible values. It is a ModelInfo, shown with the dev hook `showModel`, not a model
 * file: no worker is involved.
 */
import type { ChannelInfo, StreamInfo, UnitInfo } from '../../src/engine/api.ts';
import type { ModelInfo, RowBlock } from '../../src/worker/api.ts';

const p = (value: unknown, unit?: string) => (unit ? { value, unit, reference: 'test fixture' } : { value, reference: 'test fixture' });
const dosing = (reagent: string, kind: 'pH' | 'ORP') => p({ reagent, controller: { type: 'pid', setpoint: kind === 'pH' ? 9 : 300 }, probe: { kind } });

interface U {
  id: string;
  type: string;
  line: string;
  x: number;
  z: number;
  rot?: number;
  outputs?: string[];
  params?: UnitInfo['params'];
}

const LINES = ['cyanide', 'chromium', 'nickel', 'complexed', 'pretreatment', 'comprehensive'] as const;

function units(): U[] {
  const us: U[] = [];
  LINES.forEach((line, k) => {
    const z = k * 16;
    us.push({ id: `inf-${k}`, type: 'influent', line, x: 0, z, outputs: k === 0 ? ['out', 'spent'] : ['out'] });
    us.push({ id: `eq-${k}`, type: 'equalization', line, x: 14, z, outputs: ['out', 'overflow'], params: { volume_m3: p(150 + 40 * k, 'm³'), depth_m: p(4, 'm') } });
  });
  us.push({ id: 'spent-0', type: 'spent_bath_tank', line: 'cyanide', x: 7, z: -9, outputs: ['out', 'overflow'], params: { volume_m3: p(40, 'm³'), depth_m: p(3, 'm') } });
  const r = (id: string, type: string, line: string, x: number, z: number, reagents: [string, 'pH' | 'ORP'][]) =>
    us.push({ id, type, line, x, z, outputs: ['out'], params: { volume_m3: p(30, 'm³'), depth_m: p(3, 'm'), ...Object.fromEntries(reagents.map(([rg, kind], i) => [`dose${i}`, dosing(rg, kind)])) } });
  r('cn-1', 'cyanide_oxidation', 'cyanide', 28, 0, [['NaOCl', 'ORP'], ['NaOH', 'pH']]);
  r('cn-2', 'cyanide_oxidation', 'cyanide', 42, 0, [['NaOCl', 'ORP'], ['NaOH', 'pH']]);
  r('cr-red', 'cr_reduction', 'chromium', 28, 16, [['H2SO4', 'pH'], ['NaHSO3', 'ORP']]);
  r('cr-neut', 'neutralization', 'chromium', 42, 16, [['NaOH', 'pH']]);
  r('ni-precip', 'precipitation', 'nickel', 28, 32, [['NaOH', 'pH'], ['PAM', 'pH']]);
  us.push({ id: 'ni-clar', type: 'clarifier', line: 'nickel', x: 42, z: 32, outputs: ['out', 'sludge'], params: { diameter_m: p(9, 'm'), depth_m: p(3.5, 'm') } });
  us.push({ id: 'ni-mon', type: 'monitor', line: 'nickel', x: 54, z: 30, outputs: ['out'] });
  r('cx-break', 'complex_breaking', 'complexed', 28, 48, [['NaOCl', 'ORP']]);
  r('cx-precip', 'precipitation', 'complexed', 42, 48, [['NaOH', 'pH'], ['Na2S', 'ORP']]);
  r('pt-neut', 'neutralization', 'pretreatment', 28, 64, [['NaOH', 'pH'], ['H2SO4', 'pH']]);
  r('mx-precip', 'precipitation', 'comprehensive', 28, 80, [['NaOH', 'pH']]);
  const c = (id: string, type: string, x: number, z: number, outputs: string[], params: UnitInfo['params'] = {}, rot = 0) => us.push({ id, type, line: 'common', x, z, outputs, params, rot });
  c('mix-final', 'mixer', 56, 56, ['out']);
  c('precip', 'precipitation', 66, 56, ['out'], { volume_m3: p(180, 'm³'), depth_m: p(3.5, 'm'), base: dosing('NaOH', 'pH'), coag: dosing('PAC', 'pH'), floc: dosing('PAM', 'pH') });
  c('split', 'splitter', 76, 56, ['a', 'b']);
  c('clar-1', 'clarifier', 88, 46, ['out', 'sludge'], { diameter_m: p(12, 'm'), depth_m: p(3.5, 'm') });
  c('clar-2', 'clarifier', 88, 66, ['out', 'sludge'], { diameter_m: p(12, 'm'), depth_m: p(3.5, 'm') });
  c('mbr', 'biological', 100, 56, ['out', 'waste'], { volume_m3: p(200, 'm³'), depth_m: p(5, 'm') });
  c('sand-1', 'sand_filter', 110, 48, ['out', 'backwash']);
  c('sand-2', 'sand_filter', 110, 64, ['out', 'backwash']);
  c('uf', 'ultrafiltration', 124, 56, ['permeate', 'concentrate']);
  c('ro-1', 'ro', 138, 48, ['permeate', 'concentrate']);
  c('ro-2', 'ro', 138, 64, ['permeate', 'concentrate']);
  c('reuse', 'reuse_tank', 154, 48, ['out'], { volume_m3: p(300, 'm³'), depth_m: p(6, 'm') });
  c('evap', 'evaporator', 154, 70, ['distillate', 'concentrate']);
  c('mon-final', 'monitor', 166, 56, ['out']);
  c('discharge', 'discharge', 178, 56, [], { standard: p('GB21900-2008-T3') });
  c('mix-overflow', 'mixer', 28, 100, ['out']);
  c('emergency', 'emergency_tank', 44, 100, ['out', 'overflow'], { volume_m3: p(600, 'm³'), depth_m: p(5, 'm') });
  c('mix-sludge', 'mixer', 100, 84, ['out']);
  c('thick', 'thickener', 114, 88, ['out', 'underflow'], { diameter_m: p(7, 'm') });
  c('fp-1', 'filter_press', 130, 82, ['filtrate'], {}, 0);
  c('fp-2', 'filter_press', 130, 94, ['filtrate'], {}, 0);
  c('mix-filtrate', 'mixer', 144, 88, ['out']);
  c('pilot', 'electrodialysis_pilot', 154, 94, ['out']);
  c('rw-pump', 'pump_station', 166, 40, ['out']);
  c('mon-reuse', 'monitor', 176, 40, ['out']);
  return us;
}

function streams(): [string, string][] {
  const s: [string, string][] = [];
  LINES.forEach((_, k) => {
    s.push([`inf-${k}.out`, `eq-${k}.in`], [`eq-${k}.overflow`, 'mix-overflow.in']);
  });
  s.push(['inf-0.spent', 'spent-0.in'], ['spent-0.out', 'eq-0.in'], ['spent-0.overflow', 'eq-0.in']);
  s.push(['eq-0.out', 'cn-1.in'], ['cn-1.out', 'cn-2.in'], ['cn-2.out', 'mix-final.in']);
  s.push(['eq-1.out', 'cr-red.in'], ['cr-red.out', 'cr-neut.in'], ['cr-neut.out', 'mix-final.in']);
  s.push(['eq-2.out', 'ni-precip.in'], ['ni-precip.out', 'ni-clar.in'], ['ni-clar.out', 'ni-mon.in'], ['ni-mon.out', 'mix-final.in'], ['ni-clar.sludge', 'mix-sludge.in']);
  s.push(['eq-3.out', 'cx-break.in'], ['cx-break.out', 'cx-precip.in'], ['cx-precip.out', 'mix-final.in']);
  s.push(['eq-4.out', 'pt-neut.in'], ['pt-neut.out', 'mix-final.in'], ['eq-5.out', 'mx-precip.in'], ['mx-precip.out', 'mix-final.in']);
  s.push(['mix-final.out', 'precip.in'], ['precip.out', 'split.in'], ['split.a', 'clar-1.in'], ['split.b', 'clar-2.in']);
  s.push(['clar-1.out', 'mbr.in'], ['clar-2.out', 'mbr.in'], ['clar-1.sludge', 'mix-sludge.in'], ['clar-2.sludge', 'mix-sludge.in'], ['mbr.waste', 'mix-sludge.in']);
  s.push(['mbr.out', 'sand-1.in'], ['sand-1.out', 'uf.in'], ['sand-2.out', 'uf.in'], ['sand-1.backwash', 'eq-5.in'], ['sand-2.backwash', 'eq-5.in']);
  s.push(['uf.permeate', 'ro-1.in'], ['uf.concentrate', 'ro-2.in'], ['ro-1.permeate', 'reuse.in'], ['ro-2.permeate', 'reuse.in'], ['ro-1.concentrate', 'evap.in'], ['ro-2.concentrate', 'mon-final.in']);
  s.push(['evap.distillate', 'reuse.in'], ['evap.concentrate', 'mon-final.in'], ['mon-final.out', 'discharge.in'], ['reuse.out', 'rw-pump.in'], ['rw-pump.out', 'mon-reuse.in']);
  s.push(['mix-overflow.out', 'emergency.in'], ['emergency.out', 'eq-5.in'], ['emergency.overflow', 'discharge.in']);
  s.push(['mix-sludge.out', 'thick.in'], ['thick.underflow', 'fp-1.in'], ['thick.out', 'eq-5.in'], ['fp-1.filtrate', 'mix-filtrate.in'], ['fp-2.filtrate', 'mix-filtrate.in'], ['mix-filtrate.out', 'pilot.in'], ['pilot.out', 'eq-5.in']);
  return s;
}

const MEASURES = ['Ni_total', 'Cu_total', 'Cr_total', 'SS'];

export function fullParkInfo(): ModelInfo {
  const list = units();
  const st = streams();
  const inputs = new Map<string, Set<string>>();
  for (const [, to] of st) {
    const [u, port] = to.split('.') as [string, string];
    (inputs.get(u) ?? inputs.set(u, new Set()).get(u))?.add(port);
  }
  const unitInfos: UnitInfo[] = list.map((u) => ({
    id: u.id,
    type: u.type,
    name: { en: u.id, zh: u.id },
    line: u.line,
    layout: { x: u.x, z: u.z, rotation: u.rot ?? 0 },
    params: u.params ?? {},
    settable: {},
    ranges: {}, choices: {},
    inputs: [...(inputs.get(u.id) ?? [])],
    outputs: u.outputs ?? [],
  }));
  const streamInfos: StreamInfo[] = st.map(([from, to]) => {
    const [fu, fp] = from.split('.') as [string, string];
    const [tu, tp] = to.split('.') as [string, string];
    return { id: `${from}>${to}`, from: { unit: fu, port: fp }, to: { unit: tu, port: tp }, tear: false };
  });
  const channels: ChannelInfo[] = [];
  const ch = (id: string, unit: string, quantity: string, uom: string) => channels.push({ id, unit, quantity, uom, label: { en: id, zh: id } });
  for (const u of unitInfos) {
    if (['equalization', 'emergency_tank', 'clarifier', 'thickener', 'reuse_tank'].includes(u.type)) {
      ch(`${u.id}.level_m`, u.id, 'level', 'm');
      ch(`${u.id}.fill_pct`, u.id, 'fill', '%');
    }
    if (['cyanide_oxidation', 'cr_reduction', 'complex_breaking', 'precipitation', 'neutralization', 'discharge'].includes(u.type)) ch(`${u.id}.pH`, u.id, 'pH', '');
    if (['cyanide_oxidation', 'cr_reduction'].includes(u.type)) ch(`${u.id}.ORP_mV`, u.id, 'ORP', 'mV');
    for (const port of u.outputs) {
      ch(`${u.id}.${port}/flow_m3_h`, u.id, 'flow', 'm³/h');
      if (port !== 'overflow') for (const m of MEASURES) ch(`${u.id}.${port}/${m}`, u.id, m, 'mg/L');
    }
  }
  return {
    file: 'test/e2e/fullPark.ts',
    modelName: 'Full park (scene test)',
    name: { en: 'Full park (scene test)', zh: '全流程园区（场景测试）' },
    start_iso: '2026-03-02T00:00',
    step_s: 60,
    temperature_C: 25,
    temperature_swing_C: 0,
    duration_s: 86_400,
    output_interval_s: 300,
    units: unitInfos,
    streams: streamInfos,
    channels,
  };
}

/**
 * `count` rows from row `from`, values by channel kind: levels 1–4 m, pH 2–11, ORP, flows (an
 * overflow runs now and then), concentrations over four decades so the colours differ.
 */
export function fullParkRows(info: ModelInfo, from: number, count: number): RowBlock {
  const C = info.channels.length;
  const mean = new Float32Array(C * count);
  info.channels.forEach((c, k) => {
    for (let r = 0; r < count; r++) {
      const t = from + r;
      const phase = Math.sin(t / 7 + k);
      let v: number;
      if (c.quantity === 'level') v = 2.5 + 1.4 * phase;
      else if (c.quantity === 'fill') v = 55 + 35 * phase;
      else if (c.quantity === 'pH') v = 6.5 + 4 * Math.sin(k);
      else if (c.quantity === 'ORP') v = 300 + 250 * Math.sin(k * 3);
      else if (c.quantity === 'flow') v = c.id.includes('overflow') ? Math.max(0, 5 * phase) : 20 + 15 * Math.sin(k);
      else v = 10 ** (2 - 4 * ((k * 0.37) % 1)) * (1 + 0.2 * phase);
      mean[k * count + r] = v;
    }
  });
  const t_s = Float64Array.from({ length: count }, (_, r) => (from + r + 1) * 300);
  return { from, count, channels: C, t_s, min: mean.map((v) => v * 0.9), mean, max: mean.map((v) => v * 1.1) };
}
