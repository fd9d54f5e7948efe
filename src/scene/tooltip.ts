/** The hover tooltip over the twin: a DOM box (title, subtitle, lines) filled from the label texts. */
import type { LabelTexts } from './labels.ts';

export class Tooltip {
  el: HTMLElement | null = null;
  /** the unit whose texts the box holds; −2 when they must be refilled */
  #for = -2;

  /** The values changed: the next `show` refills the box. */
  invalidate(): void {
    this.#for = -2;
  }

  /** Shows unit i's texts (hides the box for i < 0). */
  show(i: number, texts: LabelTexts | null, value: number, colorBy: string): void {
    const tip = this.el;
    if (!tip) return;
    if (i < 0 || !texts) {
      tip.hidden = true;
      this.#for = -1;
      return;
    }
    if (this.#for === i) return;
    this.#for = i;
    const { title, sub, lines } = texts.tooltip(i, value, colorBy);
    const [h, s, body] = [tip.children[0], tip.children[1], tip.children[2]];
    if (h) h.textContent = title;
    if (s) s.textContent = sub;
    if (body) body.textContent = lines.join('\n');
    tip.hidden = false;
  }

  /** Beside the pointer (CSS px in the canvas), kept inside the canvas. */
  moveTo(x: number, y: number, width: number, height: number): void {
    const tip = this.el;
    if (tip && !tip.hidden) tip.style.transform = `translate(${Math.min(x + 14, width - tip.offsetWidth - 4)}px, ${Math.min(y + 16, height - tip.offsetHeight - 4)}px)`;
  }
}
