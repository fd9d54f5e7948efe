/**
 * Test-only hooks on `window.__pt.scene` (dev server only; tree-shaken from builds): frame count
 * and draw calls for the fps check, pixels read inside a frame (outside one, WebGL returns a
 * cleared buffer), and a unit's screen position so a test can click it like a person.
 */
import { addAfterEffect } from '@react-three/fiber';
import type { Camera, WebGLRenderer } from 'three';
import type { TwinRuntime } from './runtime.ts';

export interface PixelSummary {
  width: number;
  height: number;
  /** fraction of sampled pixels that differ from the clear colour */
  drawn: number;
  /** distinct colours among sampled pixels (quantised) */
  colors: number;
}

export interface SceneProbe {
  frames(): number;
  /** asks the on-demand canvas for a frame */
  requestFrame(): void;
  /** the last frame left something moving, so the canvas keeps drawing */
  animating(): boolean;
  info(): { calls: number; triangles: number; geometries: number; textures: number };
  readPixels(): Promise<PixelSummary>;
  /** client (page) coordinates of a unit's body centre, or null */
  project(unitId: string): { x: number; y: number } | null;
  units(): number;
  /** the runtime itself, for experiments from the console */
  runtime(): TwinRuntime;
  /** camera position, the orbit target and the canvas size */
  view(): { pos: number[]; target: number[]; aspect: number; width: number; height: number };
  /** 1 warning, 2 alarm, 0 none */
  flag(unitId: string): number;
  /** the liquid colour (sRGB 0–255) drawn for a unit's first liquid, read back in a frame */
  liquidAt(unitId: string): Promise<[number, number, number] | null>;
}

declare global {
  interface Window {
    __pt?: Record<string, unknown> & { scene?: SceneProbe };
  }
}

export function installProbe(rt: TwinRuntime, gl: WebGLRenderer, camera: Camera, size: { width: number; height: number }): () => void {
  if (!import.meta.env.DEV) return () => {};
  const info = { calls: 0, triangles: 0, geometries: 0, textures: 0 };
  const pending: (() => void)[] = [];
  const off = addAfterEffect(() => {
    // renderer.info resets at each render: read it right after the frame was drawn
    info.calls = gl.info.render.calls;
    info.triangles = gl.info.render.triangles;
    info.geometries = gl.info.memory.geometries;
    info.textures = gl.info.memory.textures;
    for (const f of pending.splice(0)) f();
  });
  // the canvas draws on demand: ask for the frame the read waits for
  const inFrame = <T,>(f: () => T): Promise<T> =>
    new Promise((resolve) => {
      pending.push(() => resolve(f()));
      rt.requestFrame();
    });
  const canvasRect = () => gl.domElement.getBoundingClientRect();
  const probe: SceneProbe = {
    frames: () => rt.frames,
    requestFrame: () => rt.requestFrame(),
    animating: () => rt.animating,
    info: () => ({ ...info }),
    readPixels: () =>
      inFrame(() => {
        const ctx = gl.getContext();
        const w = ctx.drawingBufferWidth;
        const h = ctx.drawingBufferHeight;
        const buf = new Uint8Array(w * h * 4);
        ctx.readPixels(0, 0, w, h, ctx.RGBA, ctx.UNSIGNED_BYTE, buf);
        const bg = [buf[0], buf[1], buf[2]];
        let drawn = 0;
        let n = 0;
        const colors = new Set<number>();
        for (let y = 0; y < h; y += 4) {
          for (let x = 0; x < w; x += 4) {
            const o = (y * w + x) * 4;
            const r = buf[o] ?? 0;
            const g = buf[o + 1] ?? 0;
            const b = buf[o + 2] ?? 0;
            n++;
            if (Math.abs(r - (bg[0] ?? 0)) + Math.abs(g - (bg[1] ?? 0)) + Math.abs(b - (bg[2] ?? 0)) > 12) drawn++;
            colors.add(((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3));
          }
        }
        return { width: w, height: h, drawn: drawn / Math.max(1, n), colors: colors.size };
      }),
    project: (id) => {
      const i = rt.index.unitIndex.get(id);
      if (i === undefined) return null;
      const r = canvasRect();
      const p = rt.project(camera, i, r.width, r.height);
      return p ? { x: r.left + p.x, y: r.top + p.y } : null;
    },
    units: () => rt.n,
    runtime: () => rt,
    view: () => {
      const c = camera as Camera & { aspect?: number };
      const t = rt.camera.lastTarget;
      return { pos: c.position.toArray(), target: t ? t.toArray() : [], aspect: c.aspect ?? 0, width: size.width, height: size.height };
    },
    flag: (id) => rt.flagOf(rt.index.unitIndex.get(id) ?? -1),
    liquidAt: (id) =>
      inFrame(() => {
        const i = rt.index.unitIndex.get(id);
        const spot = i === undefined ? null : rt.liquidSpot(camera, i, size.width, size.height);
        if (!spot) return null;
        const ctx = gl.getContext();
        const dpr = ctx.drawingBufferWidth / size.width;
        const px = new Uint8Array(4);
        ctx.readPixels(Math.round(spot.x * dpr), Math.round(ctx.drawingBufferHeight - spot.y * dpr), 1, 1, ctx.RGBA, ctx.UNSIGNED_BYTE, px);
        return [px[0] ?? 0, px[1] ?? 0, px[2] ?? 0] as [number, number, number];
      }),
  };
  const w = (window.__pt ??= {});
  w.scene = probe;
  return () => {
    off();
    if (w.scene === probe) delete w.scene;
  };
}
