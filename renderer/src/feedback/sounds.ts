// Scan feedback a clerk hears without looking up: one short high beep for a good scan, two low
// ones for a bad one. Synthesised with Web Audio, so there is no sound file to ship or load.

let context: AudioContext | null = null;

function tone(frequency: number, startS: number, durationS: number): void {
  context ??= new AudioContext();
  const oscillator = context.createOscillator();
  const gain = context.createGain();
  oscillator.type = 'square';
  oscillator.frequency.value = frequency;
  gain.gain.value = 0.08;
  oscillator.connect(gain).connect(context.destination);
  const at = context.currentTime + startS;
  oscillator.start(at);
  oscillator.stop(at + durationS);
}

export function playScanOk(): void {
  try {
    tone(1760, 0, 0.06);
  } catch {
    // No audio device: the on-screen message still tells.
  }
}

export function playScanError(): void {
  try {
    tone(220, 0, 0.15);
    tone(220, 0.22, 0.15);
  } catch {
    // No audio device: the on-screen message still tells.
  }
}
