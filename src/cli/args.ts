/**
 * Small argument parsing shared by the CLI commands: `--name value`, `--flag`, positionals.
 * Bad input throws UsageError, which main.ts turns into one line and exit code 2.
 */
export class UsageError extends Error {}

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string>;
  flags: Set<string>;
}

/** `flagNames` take no value; every other `--name` takes the next word. Unknown names are refused. */
export function parseArgs(argv: readonly string[], valueNames: readonly string[], flagNames: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (flagNames.includes(name)) {
      flags.add(name);
    } else if (valueNames.includes(name)) {
      const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { positionals, options, flags };
}

export function numberOption(args: ParsedArgs, name: string, opts: { min?: number; max?: number; integer?: boolean } = {}): number | undefined {
  const raw = args.options.get(name);
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v)) throw new UsageError(`--${name}: '${raw}' is not a number`);
  if (opts.integer && !Number.isInteger(v)) throw new UsageError(`--${name}: '${raw}' is not a whole number`);
  // a bound like a minute in days (1/1440) in four figures, not seventeen
  const shown = (x: number) => String(Number(x.toPrecision(4)));
  if (opts.min !== undefined && v < opts.min) throw new UsageError(`--${name}: ${v} is below the minimum ${shown(opts.min)}`);
  if (opts.max !== undefined && v > opts.max) throw new UsageError(`--${name}: ${v} is above the maximum ${shown(opts.max)}`);
  return v;
}
