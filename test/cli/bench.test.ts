/** `bench`: the speed figures as JSON, and with `--profile` where the time of a run goes. */
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('bench', () => {
  it('prints its figures as one JSON object and, with --profile, the shares of the run per source file', async () => {
    const r = await runCli(['bench', '--json', '--model', 'models/job-shop.json', '--days', '10', '--profile']);
    expect(r.stderr.split('\n').filter((l) => l.trim() && !l.includes('npm warn'))).toEqual([]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { simYear_wall_s: number; steps_per_s: number; equilibria_per_s: number; worstClosure_rel: number; profile_pct: Record<string, number> };
    expect(out.simYear_wall_s).toBeGreaterThan(0);
    expect(out.steps_per_s).toBeGreaterThan(0);
    expect(out.equilibria_per_s).toBeGreaterThan(0);
    expect(out.worstClosure_rel).toBeLessThan(1e-9);
    const shares = Object.values(out.profile_pct);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, -1);
    // the job shop's precipitation tank solves its equilibrium every step: the chemistry shows up by file (over ten days:
    // over two, on a machine busy with other tests, too few samples fell on it)
    expect(Object.keys(out.profile_pct)).toEqual(expect.arrayContaining(['chemistry/metals.ts', 'units/reactor.ts']));
  }, 120_000);

  it('refuses an unknown stage in one line, exit 2', async () => {
    const r = await runCli(['bench', '--stage', 'everything']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('error: (command line): --stage: must be one of foundation, chemistry, full, got "everything"');
  });
});
