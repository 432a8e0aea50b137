// Scan feedback a clerk hears without looking up: one short high beep for a good scan, two low
// ones for a bad one. Played from the station's resources/sounds (served at /resources/sounds/
// by the station server and by the desktop app's own protocol); a file that cannot load or play
// falls back to the same tones synthesised with Web Audio, so a scan is never silent.

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

function synthesise(tones: [number, number, number][]): void {
  try {
    for (const [frequency, startS, durationS] of tones) tone(frequency, startS, durationS);
  } catch {
    // No audio device: the on-screen message still tells.
  }
}

/** A sound file, loaded once; after a failure to load, its synthesised tones for good. */
function sound(name: string, tones: [number, number, number][]): () => void {
  let audio: HTMLAudioElement | null = null;
  let broken = false;
  return () => {
    if (broken || typeof Audio === 'undefined') return synthesise(tones);
    if (!audio) {
      audio = new Audio(`/resources/sounds/${name}`);
      audio.onerror = () => {
        broken = true;
      };
    }
    audio.currentTime = 0;
    audio.play().catch((error: unknown) => {
      // The page may not play before a person's first key or click; that is no broken file.
      if (!(error instanceof DOMException && error.name === 'NotAllowedError')) broken = true;
      synthesise(tones);
    });
  };
}

export const playScanOk = sound('scan-ok.wav', [[1760, 0, 0.06]]);

export const playScanError = sound('scan-error.wav', [
  [220, 0, 0.15],
  [220, 0.22, 0.15],
]);
