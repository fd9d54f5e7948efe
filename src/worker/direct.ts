/** The same API in-process (the "direct" engine): for tests and for Node, where no worker is needed. */
import { createClient, type SimClient } from './client.ts';
import { SimHost } from './host.ts';

export function connectDirect(): SimClient {
  return createClient(new SimHost(), 'direct', (fn) => fn, () => {});
}
