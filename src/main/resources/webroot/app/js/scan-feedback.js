// What a scan sounds and feels like, so an inspector need not look at every crate: a short high
// beep and one short vibration for a label that may be sold; a low double buzz and a long double
// vibration for a held, rejected or recalled batch, or a label that is not ours. Web Audio
// tones, no sound files.
const STOPPED = ['held', 'rejected', 'recalled'];
const SOUNDS = {
  good: { wave: 'sine', tones: [[1760, 0, 0.12]], vibrate: [80] },
  bad: { wave: 'square', tones: [[180, 0, 0.22], [180, 0.32, 0.22]], vibrate: [250, 120, 250] },
};
let audio = null;

/** 'good' for a unit that may be sold, 'bad' for one that may not or a label not ours. */
export const feedbackOf = (answer) => (answer.known && !STOPPED.includes(answer.unit.status) ? 'good' : 'bad');

/** Must be called from a tap once, so that the browser lets the page make sounds later. */
export function allowSound() {
  try {
    audio ??= new AudioContext();
    audio.resume();
  } catch {
    audio = null;
  }
}

/** Plays the kind's sound and vibration; answers the kind. */
export function signal(kind) {
  const sound = SOUNDS[kind];
  try {
    audio ??= new AudioContext();
    const start = audio.currentTime;
    for (const [pitch, at, length] of sound.tones) {
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.type = sound.wave;
      tone.frequency.value = pitch;
      volume.gain.setValueAtTime(0.25, start + at);
      volume.gain.exponentialRampToValueAtTime(0.001, start + at + length);
      tone.connect(volume).connect(audio.destination);
      tone.start(start + at);
      tone.stop(start + at + length);
    }
  } catch {
    // No sound on this phone: the vibration and the colour still tell.
  }
  navigator.vibrate?.(sound.vibrate);
  return kind;
}
