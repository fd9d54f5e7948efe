/**
 * The units' HTML labels over the twin: each shows the unit's name and, optionally, its mapped
 * value; they are placed each time the view moves, greedily by priority (the selected unit, units
 * in warning or alarm, then big equipment first) so that none overlaps another. Sizes are measured
 * once when the labels render; a frame reads no layout and allocates nothing.
 */
import { Vector3, type Camera } from 'three';
import type { PlantBuild } from './build.ts';

/** Unit flags the labels and warning pads show: 1 warning (amber), 2 alarm (red). */
export const FLAG_WARN = 1;
export const FLAG_ALARM = 2;

/** The label's value line (10.5 px monospace, app.css .tw-val): px per character, padding, line height. */
const VALUE_CHAR_PX = 6.4;
const LABEL_PAD_PX = 12;
const VALUE_LINE_PX = 13;

export interface LabelTexts {
  /** formats a unit's mapped value with its unit of measure, '' when unknown */
  value(v: number, varId: string): string;
  /** the tooltip's lines for unit i, given its mapped value */
  tooltip(i: number, v: number, varId: string): { title: string; sub: string; lines: string[] };
}

export class LabelLayer {
  /** set when a label's size or a unit's flag changed: the next frame lays the labels out again */
  dirty = true;
  #els: (HTMLElement | null)[] = [];
  #val: (HTMLElement | null)[] = [];
  readonly #text: string[];
  readonly #class: Uint8Array;
  readonly #w: Float32Array;
  readonly #h: Float32Array;
  readonly #nameW: Float32Array;
  readonly #nameH: Float32Array;
  readonly #order: Int32Array;
  readonly #placed: Float32Array;
  readonly #score: Float64Array;
  readonly #area: Float64Array;
  readonly #anchors: Float32Array;
  readonly #byScore = (a: number, b: number): number => (this.#score[b] ?? 0) - (this.#score[a] ?? 0);
  readonly #v = new Vector3();

  constructor(build: PlantBuild) {
    const n = build.placements.length;
    this.#text = new Array<string>(n).fill('');
    this.#class = new Uint8Array(n).fill(255);
    this.#w = new Float32Array(n);
    this.#h = new Float32Array(n);
    this.#nameW = new Float32Array(n);
    this.#nameH = new Float32Array(n);
    this.#order = new Int32Array(n);
    this.#placed = new Float32Array(n * 4);
    this.#score = new Float64Array(n);
    this.#area = Float64Array.from(build.placements, (p) => (p.eq.x1 - p.eq.x0) * (p.eq.z1 - p.eq.z0));
    this.#anchors = build.anchors;
  }

  /** Takes the rendered label elements (again after a language switch) and measures them. */
  attach(els: (HTMLElement | null)[]): void {
    this.#els = els;
    this.#val = els.map((e) => (e?.querySelector('.tw-val') as HTMLElement | null) ?? null);
    this.#text.fill('\u0000');
    this.#class.fill(255);
    // Measured once here, not per frame: reading layout in the frame loop would force reflows.
    // A hidden label has no size, so each is shown invisibly for the measurement.
    for (const e of els) {
      if (!e) continue;
      e.style.visibility = 'hidden';
      e.hidden = false;
    }
    els.forEach((e, i) => {
      const v = this.#val[i];
      if (v) v.textContent = '';
      this.#nameW[i] = this.#w[i] = e?.offsetWidth ?? 0;
      this.#nameH[i] = this.#h[i] = e?.offsetHeight ?? 0;
    });
    for (const e of els) {
      if (!e) continue;
      e.hidden = true;
      e.style.visibility = '';
    }
    this.dirty = true;
  }

  /** Writes each unit's value line (empty when `show` is off); a label that changed size marks the layout dirty. */
  showValues(show: boolean, values: Float64Array, texts: LabelTexts | null, colorBy: string): void {
    for (let i = 0; i < this.#val.length; i++) {
      const el = this.#val[i];
      if (!el) continue;
      const text = show && texts ? texts.value(values[i] ?? NaN, colorBy) : '';
      if (text !== this.#text[i]) {
        this.#text[i] = text;
        el.textContent = text;
        // the value line is monospace: its width follows from its length, no layout read needed
        const w = Math.max(this.#nameW[i] ?? 0, text.length * VALUE_CHAR_PX + LABEL_PAD_PX);
        const h = (this.#nameH[i] ?? 0) + (text === '' ? 0 : VALUE_LINE_PX);
        if (w !== this.#w[i] || h !== this.#h[i]) {
          this.#w[i] = w;
          this.#h[i] = h;
          this.dirty = true;
        }
      }
    }
  }

  /** Places the labels for this view: `sel` is the selected unit's index (−1 for none), `flags` each unit's flag. */
  layout(camera: Camera, width: number, height: number, show: boolean, sel: number, flags: Uint8Array): void {
    this.dirty = false;
    const els = this.#els;
    const n = this.#order.length;
    // greedy placement by priority: the selected unit, units in warning, then big equipment first
    for (let i = 0; i < n; i++) {
      this.#order[i] = i;
      this.#score[i] = (i === sel ? 1e9 : 0) + (flags[i] ?? 0) * 1e7 + (this.#area[i] ?? 0);
    }
    // sorted in place (labels exist for every unit, so n is the array's length): no view, no copy
    this.#order.sort(this.#byScore);
    let placed = 0;
    const a = this.#anchors;
    for (let k = 0; k < n; k++) {
      const i = this.#order[k] as number;
      const el = els[i];
      if (!el) continue;
      let visible = show || i === sel;
      let x = 0;
      let y = 0;
      const w = this.#w[i] ?? 0;
      const h = this.#h[i] ?? 0;
      if (visible) {
        this.#v.set(a[3 * i] ?? 0, a[3 * i + 1] ?? 0, a[3 * i + 2] ?? 0).project(camera);
        x = ((this.#v.x + 1) / 2) * width - w / 2;
        y = ((1 - this.#v.y) / 2) * height - h;
        visible = this.#v.z < 1 && x > -w / 2 && x < width - w / 2 && y > -h && y < height;
        // keep a label whose unit is on screen wholly readable
        x = Math.max(2, Math.min(width - w - 2, x));
      }
      if (visible && i !== sel) {
        for (let j = 0; j < placed; j++) {
          const o = 4 * j;
          if (x < (this.#placed[o + 2] ?? 0) + 2 && x + w + 2 > (this.#placed[o] ?? 0) && y < (this.#placed[o + 3] ?? 0) + 1 && y + h + 1 > (this.#placed[o + 1] ?? 0)) {
            visible = false;
            break;
          }
        }
      }
      if (visible) {
        this.#placed[4 * placed] = x;
        this.#placed[4 * placed + 1] = y;
        this.#placed[4 * placed + 2] = x + w;
        this.#placed[4 * placed + 3] = y + h;
        placed++;
        el.style.transform = `translate(${x.toFixed(0)}px, ${y.toFixed(0)}px)`;
      }
      if (el.hidden === visible) el.hidden = !visible;
      const cls = (i === sel ? 4 : 0) | (flags[i] ?? 0);
      if (cls !== this.#class[i]) {
        this.#class[i] = cls;
        el.classList.toggle('sel', i === sel);
        el.classList.toggle('warn', (cls & 3) === FLAG_WARN);
        el.classList.toggle('alarm', (cls & 3) === FLAG_ALARM);
      }
    }
  }
}
