/** A child process of `compare` (compareRun.ts): runs the one design it is sent and answers with its figures. */
import { loadDesign, runDesign, type ChildAnswer, type ChildRequest } from './compareRun.ts';

process.once('message', (m: ChildRequest) => {
  let answer: ChildAnswer;
  try {
    answer = { ok: true, run: runDesign(loadDesign(m.file), m.shared) };
  } catch (e) {
    answer = { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  process.send!(answer, () => process.disconnect());
});
