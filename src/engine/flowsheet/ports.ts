/** The outlet that carries a unit's treated water on: `out` when it has one, else the first that is not an overflow. */
export function mainOutlet(ports: readonly string[]): string | undefined {
  return ports.includes('out') ? 'out' : (ports.find((p) => p !== 'overflow') ?? ports[0]);
}
