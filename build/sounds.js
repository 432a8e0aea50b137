// Writes the scan sounds into resources/sounds/ as small WAV files (16-bit PCM, mono): one short
// high beep for a good scan, two low ones for a bad one, the tones the renderer synthesised
// before (renderer/src/feedback/sounds.ts still does, should a file not load). Run once by hand,
// `node build/sounds.js`, and commit what it writes: the build does not run it.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const rate = 22_050;
const level = 0.25;

/** Square-wave tones, each [hertz, start s, length s], as samples. */
function tones(parts) {
  const length = Math.ceil(rate * Math.max(...parts.map(([, start, seconds]) => start + seconds)));
  const samples = new Float32Array(length);
  for (const [hertz, start, seconds] of parts)
    for (let i = Math.round(start * rate); i < Math.round((start + seconds) * rate); i++)
      samples[i] = Math.sin((2 * Math.PI * hertz * i) / rate) >= 0 ? level : -level;
  return samples;
}

function wav(samples) {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((sample, i) => data.writeInt16LE(Math.round(sample * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16); // the fmt chunk's size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28); // bytes a second
  header.writeUInt16LE(2, 32); // bytes a sample
  header.writeUInt16LE(16, 34); // bits a sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const folder = path.join(path.dirname(fileURLToPath(import.meta.url)), '../resources/sounds');
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'scan-ok.wav'), wav(tones([[1760, 0, 0.06]])));
writeFileSync(path.join(folder, 'scan-error.wav'), wav(tones([[220, 0, 0.15], [220, 0.22, 0.15]])));
