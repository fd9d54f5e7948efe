import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { checkKeptScenarios, loadDefaultModel } from './state/simClient.ts';
import { initSavedScenarios } from './state/savedScenarios.ts';
import { initReference } from './state/reference.ts';
import './ui/app.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The page always opens on the embedded default park, ready to run.
void loadDefaultModel();
// the scenarios kept in this browser, for the scenario list; once both the list and the model are in,
// whichever comes last checks the list against the model
void initSavedScenarios().then(checkKeptScenarios);
// and the reference run kept on the model, for the trends, profile and KPIs to compare with
void initReference();
// Test handles exist on the dev server only; the production bundle does not contain them.
if (import.meta.env.DEV) void import('./ui/devHooks.ts').then((m) => m.installDevHooks());
