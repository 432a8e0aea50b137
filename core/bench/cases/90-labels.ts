import { labelTemplates, renderLabel, renderPreview, type LabelTarget } from '../../labels';
import type { BenchCase, Figure } from '../benchCase';
import { latencyFigures, timeEach } from '../measure';

// Rendering every label template, as the print queue and the preview do: to printer bytes (ZPL at
// 203 and 300 dpi, ESC/POS) and to the preview PNG. Pure CPU: the store is not involved.

const runs = 200;
const warmup = 20;

const bytesTargets: [string, LabelTarget][] = [
  ['zpl 203', { language: 'zpl', dpi: 203 }],
  ['zpl 300', { language: 'zpl', dpi: 300 }],
  ['escpos', { language: 'escpos', dpi: 203 }],
];

export const benchCase: BenchCase = {
  name: 'labels: render each template to printer bytes and to a preview PNG',
  targets: {
    'bytes, slowest template p99': { below: 10 },
    'preview PNG, slowest template p99': { below: 50 },
  },
  async run() {
    const figures: Figure[] = [];
    const worst = { bytes: 0, png: 0 };
    for (const t of labelTemplates()) {
      const all: number[] = [];
      for (const [label, target] of bytesTargets) {
        if (t.name === 'carrier-label' && label !== 'zpl 203') continue;
        const samples = await timeEach(Array.from({ length: runs + warmup }), warmup, async () => void renderLabel(t.name, t.example, target));
        all.push(...samples);
      }
      const bytes = latencyFigures(all, `${t.name} bytes`);
      const png = latencyFigures(await timeEach(Array.from({ length: runs / 4 + warmup }), warmup, async () => void renderPreview(t.name, t.example, { format: 'png' })), `${t.name} preview PNG`);
      worst.bytes = Math.max(worst.bytes, bytes[1]!.value);
      worst.png = Math.max(worst.png, png[1]!.value);
      figures.push(...bytes, ...png);
    }
    return [{ name: 'bytes, slowest template p99', value: worst.bytes, unit: 'ms' }, { name: 'preview PNG, slowest template p99', value: worst.png, unit: 'ms' }, ...figures];
  },
};
