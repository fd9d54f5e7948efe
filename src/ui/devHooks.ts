/**
 * Dev-server-only handles for the browser tests (`window.__pt`): the stores, the row buffers and
 * the worker client, plus `showModel` to put a model description on screen without the worker
 * (the scene's performance check draws a 49-unit park whose unit types the engine does not have
 * yet). main.tsx imports this only when `import.meta.env.DEV`.
 */
import { history, rows, runStore } from '../state/runStore.ts';
import { liveStore } from '../state/liveStore.ts';
import { modelStore, setModelInfo } from '../state/modelStore.ts';
import { prefsStore } from '../state/prefsStore.ts';
import { referenceStore } from '../state/reference.ts';
import { getClient, loadDefaultModel, loadModel } from '../state/simClient.ts';
import { viewStore } from '../state/viewStore.ts';
import type { ModelInfo, RowBlock } from '../worker/api.ts';

export function installDevHooks(): void {
  const w = window as unknown as { __pt?: Record<string, unknown> };
  w.__pt = {
    ...w.__pt,
    modelStore,
    runStore,
    viewStore,
    liveStore,
    prefsStore,
    referenceStore,
    rows,
    history,
    client: () => getClient(),
    loadModel,
    loadDefaultModel,
    /** Shows `info` as if loaded and feeds `block` as streamed rows (no worker involved). */
    showModel(info: ModelInfo, block?: RowBlock) {
      rows.reset(info.channels.length);
      history.reset(info.channels.length);
      setModelInfo(info, { loading: false, error: null });
      if (block) {
        rows.append(block);
        history.append(block);
      }
    },
    appendRows(block: RowBlock) {
      rows.append(block);
      history.append(block);
    },
  };
}
