/** User preferences: language and run speed, remembered in localStorage when there is one. */
import { createStore } from 'zustand/vanilla';
import { SPEEDS, type Speed } from '../worker/api.ts';

export type Lang = 'en' | 'zh';

export interface PrefsState {
  lang: Lang;
  speed: Speed;
  setLang(lang: Lang): void;
  setSpeed(speed: Speed): void;
}

const KEY = 'platingtwin.prefs';

function readSaved(): Partial<Pick<PrefsState, 'lang' | 'speed'>> {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return {};
    const v = JSON.parse(raw) as { lang?: unknown; speed?: unknown };
    const out: Partial<Pick<PrefsState, 'lang' | 'speed'>> = {};
    if (v.lang === 'en' || v.lang === 'zh') out.lang = v.lang;
    if (SPEEDS.includes(v.speed as Speed)) out.speed = v.speed as Speed;
    return out;
  } catch {
    // Private mode or a corrupt entry: defaults are fine.
    return {};
  }
}

function save(s: Pick<PrefsState, 'lang' | 'speed'>): void {
  try {
    globalThis.localStorage?.setItem(KEY, JSON.stringify({ lang: s.lang, speed: s.speed }));
  } catch {
    // Storage full or unavailable: the preference just is not remembered.
  }
}

function defaultLang(): Lang {
  const nav = globalThis.navigator as Navigator | undefined;
  return nav?.language?.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export const prefsStore = createStore<PrefsState>()((set, get) => ({
  lang: defaultLang(),
  // 'max' so the first ▶ gives a complete run in seconds; real-time speeds are one click away.
  speed: 'max',
  ...readSaved(),
  setLang(lang) {
    set({ lang });
    save(get());
  },
  setSpeed(speed) {
    set({ speed });
    save(get());
  },
}));
