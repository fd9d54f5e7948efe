/**
 * Interface text in English and 简体中文. Domain words follow shared/reference/glossary.md so the
 * Chinese screen reads like the plant's own documents. Unit and channel names come from the model.
 */
import { useStore } from 'zustand';
import { modelStore } from '../state/modelStore.ts';
import { prefsStore, type Lang } from '../state/prefsStore.ts';
import { en, type Strings } from './strings.en.ts';
import { zh } from './strings.zh.ts';

export type { Strings } from './strings.en.ts';

export const STRINGS: Record<Lang, Strings> = { en, zh };

export function useLang(): Lang {
  return useStore(prefsStore, (s) => s.lang);
}

export function useT(): Strings {
  return STRINGS[useLang()];
}

/** A unit's name from the model in the current language (its id when unknown); a monitoring point's is the name of the unit that is the point. */
export function useUnitName(): (id: string) => string {
  const lang = useLang();
  const units = useStore(modelStore, (s) => s.info?.units);
  return (id) => units?.find((u) => u.id === id)?.name[lang] ?? id;
}
