/** The comlink endpoint: one SimHost per worker. All behaviour lives in host.ts so tests can run it in-process too. */
import * as Comlink from 'comlink';
import { SimHost } from './host.ts';

Comlink.expose(new SimHost(), self as unknown as Comlink.Endpoint);
