/**
 * The 3D twin (DESIGN §10), loaded lazily: three.js and R3F arrive in this chunk after the first
 * paint. React renders the canvas, the overlays and the label elements once per model/language;
 * everything that moves is done by TwinRuntime in one useFrame, reading stores with getState().
 */
import { OrbitControls } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Vector3 } from 'three';
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { prefsStore } from '../state/prefsStore.ts';
import { runStore } from '../state/runStore.ts';
import { viewStore } from '../state/viewStore.ts';
import { useLang, useT } from '../ui/i18n.ts';
import { formatValue, varUom } from '../ui/format.ts';
import { buildPlant } from './build.ts';
import { Legend } from './Legend.tsx';
import { TwinRuntime, type LabelTexts } from './runtime.ts';
import { installProbe } from './testProbe.ts';

/**
 * Software rendering (SwiftShader, llvmpipe: no GPU, or a blocklisted one) pays for every pixel on
 * the CPU: there the twin drops multisampling and high-DPI, which more than doubles its frame rate.
 */
const SOFTWARE = (() => {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return true;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|software|basic render/i.test(name);
  } catch {
    return true;
  }
})();

/** The ground's grey: the canvas is cleared to it (build.ts draws no ground mesh). */
const GROUND = 0xc9cdd0;

interface Controls {
  target: Vector3;
  addEventListener(type: 'start', fn: () => void): void;
  removeEventListener(type: 'start', fn: () => void): void;
}

function Driver({ rt }: { rt: TwinRuntime }) {
  const controls = useThree((s) => s.controls) as unknown as Controls | null;
  const gl = useThree((s) => s.gl);
  const camera = useThree((s) => s.camera);
  const size = useThree((s) => s.size);
  useEffect(() => {
    if (!controls) return;
    const stop = () => rt.camera.cancelFlight();
    controls.addEventListener('start', stop);
    return () => controls.removeEventListener('start', stop);
  }, [controls, rt]);
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    rt.requestFrame = () => invalidate();
    // a new row, a selection, a layer, a preset, the language: any store change may change the picture
    const offs = [viewStore, runStore, modelStore, prefsStore].map((store) => store.subscribe(() => invalidate()));
    invalidate();
    return () => {
      for (const off of offs) off();
      rt.requestFrame = () => {};
    };
  }, [rt, invalidate]);
  useEffect(() => installProbe(rt, gl, camera, size), [rt, gl, camera, size]);
  useFrame((state, dt) => {
    rt.frame(state.camera, state.size.width, state.size.height, state.clock.elapsedTime, dt, controls);
    if (rt.animating) invalidate();
  });
  return <primitive object={rt.root} />;
}

function Labels({ rt }: { rt: TwinRuntime }) {
  const lang = useLang();
  const refs = useRef<(HTMLDivElement | null)[]>([]);
  useLayoutEffect(() => {
    rt.setLabels(refs.current.slice(0, rt.n));
  }, [rt, lang]);
  return (
    <div className="tw-labels" aria-hidden="true">
      {rt.index.units.map((u, i) => (
        <div
          key={u.id}
          className="tw-label"
          data-unit={u.id}
          hidden
          ref={(el) => {
            refs.current[i] = el;
          }}
        >
          <span className="tw-name">{u.name[lang]}</span>
          <span className="tw-val" />
        </div>
      ))}
    </div>
  );
}

function Presets({ rt }: { rt: TwinRuntime }) {
  const t = useT();
  const lines = [...rt.build.lines.keys()];
  return (
    <div className="tw-presets" role="toolbar" aria-label={t.cameraPresets}>
      <button type="button" className="seg" onClick={() => viewStore.getState().flyTo('overview')} data-testid="cam-overview">
        {t.overview}
      </button>
      {lines.map((l) => (
        <button key={l} type="button" className="seg" onClick={() => viewStore.getState().flyTo(`line:${l}`)} data-testid={`cam-line-${l}`} title={t.lines[l] ?? l}>
          {t.lineShort[l] ?? t.lines[l] ?? l}
        </button>
      ))}
    </div>
  );
}

export default function TwinView() {
  const index = useStore(modelStore, (s) => s.index);
  const t = useT();
  const lang = useLang();
  // created in an effect, not a memo: StrictMode's mount–unmount–mount must not dispose a live runtime
  const [rt, setRt] = useState<TwinRuntime | null>(null);
  useEffect(() => {
    if (!index) {
      setRt(null);
      return;
    }
    const r = new TwinRuntime(index, buildPlant(index));
    setRt(r);
    return () => r.dispose();
  }, [index]);
  const tipRef = useRef<HTMLDivElement>(null);
  const down = useRef<{ x: number; y: number } | null>(null);

  // Texts the runtime writes into labels and the tooltip, in the current language.
  useEffect(() => {
    if (!rt) return;
    const texts: LabelTexts = {
      value: (v, varId) => (varId === 'none' || !Number.isFinite(v) ? '' : `${formatValue(v, varId)}${varUom(varId) ? ` ${varUom(varId)}` : ''}`),
      tooltip: (i, v, varId) => {
        const u = rt.index.units[i];
        if (!u) return { title: '', sub: '', lines: [] };
        const lines: string[] = [];
        if (varId !== 'none') lines.push(`${t.vars[varId] ?? varId}: ${Number.isFinite(v) ? `${formatValue(v, varId)} ${varUom(varId)}`.trim() : t.notMeasured}`);
        const lv = rt.index.level[i] ?? -1;
        const latest = rt.latest;
        if (lv >= 0 && Number.isFinite(latest(lv))) lines.push(`${t.level}: ${latest(lv).toFixed(2)} m`);
        const port = rt.portOf(i);
        const q = port ? rt.index.channelIndex.get(`${u.id}.${port}/flow_m3_h`) : undefined;
        if (q !== undefined && Number.isFinite(latest(q))) lines.push(`${t.outflow}: ${latest(q).toFixed(1)} m³/h`);
        if (rt.flagOf(i) === 1) lines.push(`▲ ${t.overflowing}`);
        return { title: u.name[lang], sub: `${t.unitTypes[u.type] ?? u.type} · ${t.lines[u.line] ?? u.line}`, lines };
      },
    };
    rt.texts = texts;
    rt.tooltip.el = tipRef.current;
    rt.requestFrame();
  }, [rt, t, lang]);

  if (!rt) return <div className="twin twin-empty" data-testid="twin" />;

  const onMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    rt.pointer.x = e.clientX - r.left;
    rt.pointer.y = e.clientY - r.top;
    rt.pointer.inside = true;
    rt.pointer.moved = true;
    rt.requestFrame();
    e.currentTarget.style.cursor = rt.hovered >= 0 ? 'pointer' : '';
  };
  const onLeave = () => {
    rt.pointer.inside = false;
    rt.pointer.moved = true;
    rt.requestFrame();
  };
  const onDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    down.current = e.button === 0 ? { x: e.clientX, y: e.clientY } : null;
  };
  const onUp = (e: ReactPointerEvent<HTMLDivElement>) => {
    const d = down.current;
    down.current = null;
    // a click, not the end of an orbit drag
    if (!d || Math.hypot(e.clientX - d.x, e.clientY - d.y) > 5) return;
    if ((e.target as HTMLElement).closest('button, .tw-legend')) return;
    const r = e.currentTarget.getBoundingClientRect();
    const cam = rt.cameraRef;
    if (!cam) return;
    const i = rt.pick(cam, ((e.clientX - r.left) / r.width) * 2 - 1, 1 - ((e.clientY - r.top) / r.height) * 2);
    viewStore.getState().select(i >= 0 ? (rt.index.units[i]?.id ?? null) : null);
  };

  return (
    <div className="twin" data-testid="twin" data-units={rt.n} onPointerMove={onMove} onPointerLeave={onLeave} onPointerDown={onDown} onPointerUp={onUp} aria-label={t.twin3d} role="region">
      <Canvas
        className="tw-canvas"
        // drawn when something changes, not 60 times a second over a still picture: an idle twin costs no CPU
        frameloop="demand"
        camera={{ fov: 40, near: 0.5, far: 5000, position: [60, 90, 160] }}
        dpr={SOFTWARE ? 1 : [1, 2]}
        gl={{ antialias: !SOFTWARE, alpha: false, stencil: false, powerPreference: 'high-performance' }}
        onCreated={(s) => {
          s.gl.setClearColor(GROUND);
          rt.cameraRef = s.camera;
        }}
      >
        <OrbitControls makeDefault enableDamping dampingFactor={0.12} maxPolarAngle={Math.PI * 0.47} minDistance={6} maxDistance={900} />
        <Driver rt={rt} />
      </Canvas>
      <Labels rt={rt} />
      <div className="tw-tooltip" ref={tipRef} hidden data-testid="twin-tooltip">
        <strong />
        <span className="muted" />
        <pre />
      </div>
      <Presets rt={rt} />
      <Legend />
    </div>
  );
}
