import { LoadErrorBanner, RunErrorBanner } from './Banners.tsx';
import { PlantTree } from './PlantTree.tsx';
import { RunSummary } from './RunSummary.tsx';
import { TopBar } from './TopBar.tsx';
import { useLang } from './i18n.ts';

/**
 * DESIGN §12 layout as a CSS grid: top bar, plant tree on the left, work area on the right. The 3D
 * twin (lazy-loaded later) takes a `scene` grid area beside the tree and the books move under it;
 * nothing here needs to change shape for that, only the grid template.
 */
export function App() {
  const lang = useLang();
  return (
    <div className="app" lang={lang === 'zh' ? 'zh-CN' : 'en'}>
      <TopBar />
      <LoadErrorBanner />
      <RunErrorBanner />
      <div className="workspace">
        <PlantTree />
        <main className="work">
          <RunSummary />
        </main>
      </div>
    </div>
  );
}
