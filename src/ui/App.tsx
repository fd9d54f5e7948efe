import { Component, lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { runStore } from '../state/runStore.ts';
import { setSpeed, togglePlay } from '../state/simClient.ts';
import { viewStore } from '../state/viewStore.ts';
import { SPEEDS } from '../worker/api.ts';
import { BottomDock, type DockTab } from './BottomDock.tsx';
import { LoadErrorBanner, RunErrorBanner } from './Banners.tsx';
import { Inspector } from './Inspector.tsx';
import { KpiStrip } from './KpiStrip.tsx';
import { PlantTree } from './PlantTree.tsx';
import { TopBar } from './TopBar.tsx';
import { useLang, useT } from './i18n.ts';

// three.js, R3F and drei arrive in their own chunk after the first paint.
const TwinView = lazy(() => import('../scene/TwinView.tsx'));

/** Without WebGL (or if the scene throws) the rest of the screen keeps working. */
class SceneBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(e: unknown) {
    console.warn('3D view failed:', e);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

function Twin() {
  const t = useT();
  return (
    <SceneBoundary fallback={<div className="twin twin-empty">{t.no3d}</div>}>
      <Suspense fallback={<div className="twin twin-empty" data-testid="twin-loading">{t.loading3d}</div>}>
        <TwinView />
      </Suspense>
    </SceneBoundary>
  );
}

/** Space: run/pause · 1–5: speeds · Esc: deselect. Not while typing, and a focused button keeps its own Space. */
function useShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const el = e.target as HTMLElement | null;
      const tag = el?.tagName;
      if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el?.isContentEditable) return;
      if (e.key === ' ' && tag !== 'BUTTON' && tag !== 'SUMMARY') {
        e.preventDefault();
        if (runStore.getState().status !== 'empty') void togglePlay();
      } else if (e.key >= '1' && e.key <= '9') {
        const s = SPEEDS[Number(e.key) - 1];
        if (s !== undefined) void setSpeed(s);
      } else if (e.key === 'Escape') viewStore.getState().select(null);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** `?view=twin`: the 3D twin alone, filling the window (a control-room wall display). */
const twinOnly = typeof location !== 'undefined' && new URLSearchParams(location.search).get('view') === 'twin';

/** DESIGN §12: top bar; plant tree · 3D twin · inspector; KPI strip; alarms, events and books. */
export function App() {
  const lang = useLang();
  const [dockTab, setDockTab] = useState<DockTab>('alarms');
  useShortcuts();
  if (twinOnly) {
    return (
      <div className="app app-twin" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
        <Twin />
      </div>
    );
  }
  return (
    <div className="app" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <TopBar />
      <LoadErrorBanner />
      <RunErrorBanner />
      <div className="workspace">
        <PlantTree />
        <main className="center">
          <Twin />
        </main>
        <Inspector />
      </div>
      <KpiStrip onAll={() => setDockTab('compliance')} />
      <BottomDock tab={dockTab} setTab={setDockTab} />
    </div>
  );
}
