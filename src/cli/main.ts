/**
 * PlatingTwin CLI: the same engine as the app, from Node.
 *   simulate <model.json> [--scenario f] [--days N] [--step-s S] [--seed N] [--out run.csv|run.json] [--json]
 *   jar --metals Ni=50,Cu=40 --ph 9 | --ph 6:12:0.25 [--ions ...] [--sulfide S=32] [--temperature C] [--json]
 *   compare <baseline.json> <design.json> … [--days N] [--step-s S] [--seed N] [--jobs N] [--json]
 *   bench [--json] [--days N] [--model file] [--stage foundation|chemistry|full] [--profile]
 * Exit codes: 0 success, 2 bad input (one line naming the file, the path in it and the reason), 1 internal fault.
 */
import { ModelError } from '../engine/errors.ts';
import { UsageError } from './args.ts';

type Command = (argv: string[]) => Promise<void> | void;

const commands: Record<string, () => Promise<Command>> = {
  simulate: async () => (await import('./simulate.ts')).simulateCommand,
  jar: async () => (await import('./jar.ts')).jarCommand,
  compare: async () => (await import('./compare.ts')).compareCommand,
  bench: async () => (await import('./bench.ts')).benchCommand,
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const load = name === undefined ? undefined : commands[name];
  if (load === undefined) {
    process.stderr.write(`usage: platingtwin <${Object.keys(commands).join('|')}> [options]\n`);
    return 2;
  }
  try {
    await (await load())(rest);
    return 0;
  } catch (err) {
    if (err instanceof ModelError || err instanceof UsageError) {
      process.stderr.write(`error: ${err.message}\n`);
      return 2;
    }
    process.stderr.write(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`internal error: ${String(err)}\n`);
    process.exitCode = 1;
  },
);
