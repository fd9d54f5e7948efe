// Development aid: run a model and print each reactor's pH, ORP, doses and outlet measures (means over the last day).
import { readFileSync } from 'node:fs';
import { compile } from '../src/engine/compile.ts';
import { createSimulation } from '../src/engine/simulate.ts';
const file = process.argv[2] ?? 'models/default-park.json';
const days = Number(process.argv[3] ?? 3);
const plant = compile(JSON.parse(readFileSync(file, 'utf8')), { file });
const sim = createSimulation(plant, { duration_s: days * 86400, output_interval_s: 3600 });
const t0 = performance.now();
sim.run(days * 86400);
console.log('wall', ((performance.now() - t0) / 1000).toFixed(2), 's');
const info = sim.channelInfo(), d = sim.channelData();
const last = (i: number) => { const m = d.mean[i]!; let s = 0; for (let k = m.length - 24; k < m.length; k++) s += m[k]!; return s / 24; };
const mx = (i: number) => d.max[i]!.reduce((a, b) => Math.max(a, b), -Infinity);
const filter = process.argv[4] ? new RegExp(process.argv[4]) : /\.(pH|ORP_mV|.*dose_kg_h|hcn_hazard)$|\.out\/(Cr6|Cr_total|Ni_total|Cu_total|Zn_total|CN_total|SS)$/;
for (const [i, c] of info.entries()) if (filter.test(c.id)) console.log(c.id.padEnd(36), last(i).toPrecision(4).padStart(10), 'max', mx(i).toPrecision(4));
console.log('closure', sim.summary().worstClosure_rel);
const mb = sim.massBalance();
for (const id of ['Cr6', 'NiCx', 'CuCx', 'CuCN', 'NiCN', 'ZnCN', 'CN', 'CNO', 'OCl', 'HSO3'] as const) {
  const b = mb[id];
  console.log(id.padEnd(6), 'in', b.in_kg.toFixed(2), 'reacted', b.reacted_kg.toFixed(2), 'out', Object.values(b.out_kg).reduce((a, x) => a + x, 0).toFixed(3));
}
