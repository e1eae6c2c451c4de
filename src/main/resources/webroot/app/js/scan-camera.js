// The scan screen's camera: the rear camera in a <video>, its frames decoded by the browser's
// own BarcodeDetector where it reads QR codes, else by the vendored ZXing on a worker
// (scan-worker.js: 360 KB, fetched only by phones that need it, never blocking the page).
const FRAME_MS = 200;
/** Frames are decoded at most this wide: a label that fills a fifth of the picture still reads. */
const FRAME_SIDE = 720;

let worker = null;
let asked = 0;
const waiting = new Map();

/** The browser's own QR reader, or null where it has none (most cheap phones, Chromium on Linux). */
export async function nativeReader() {
  if (!('BarcodeDetector' in window)) return null;
  try {
    const formats = await window.BarcodeDetector.getSupportedFormats();
    return formats.includes('qr_code') ? new window.BarcodeDetector({ formats: ['qr_code'] }) : null;
  } catch {
    return null;
  }
}

function decoder() {
  if (!worker) {
    worker = new Worker('js/scan-worker.js');
    worker.onmessage = ({ data }) => {
      const asker = waiting.get(data.id);
      waiting.delete(data.id);
      if (data.failed) asker?.reject(new Error('decoder not loaded'));
      else asker?.resolve(data.text);
    };
    // The worker's own script could not load (offline before it was ever kept): every frame asked fails.
    worker.onerror = (event) => {
      event.preventDefault();
      worker = null;
      waiting.forEach((asker) => asker.reject(new Error('decoder worker not loaded')));
      waiting.clear();
    };
  }
  return worker;
}

/** Decodes an ImageData on the worker: resolves to its QR code's text or null; rejects when the decoder cannot load. */
export function decodeOnWorker(image) {
  const id = ++asked;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    decoder().postMessage({ id, width: image.width, height: image.height, pixels: image.data.buffer }, [image.data.buffer]);
  });
}

/**
 * Starts the rear camera in the video and reads its frames until stopped: found(text) for every
 * QR code read, failed(error) once when the decoder gives up (then the camera is off). Rejects
 * when there is no camera or it is not allowed. Resolves to stop().
 */
export async function startCamera(video, { found, failed }) {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  video.srcObject = stream;
  await video.play();
  const reader = await nativeReader();
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let running = true;
  const stop = () => {
    running = false;
    stream.getTracks().forEach((track) => track.stop());
    video.srcObject = null;
  };
  const frame = async () => {
    if (!running) return;
    if (video.readyState >= 2 && video.videoWidth) {
      try {
        let text;
        if (reader) {
          text = (await reader.detect(video))[0]?.rawValue ?? null;
        } else {
          const scale = Math.min(1, FRAME_SIDE / Math.max(video.videoWidth, video.videoHeight));
          canvas.width = Math.round(video.videoWidth * scale);
          canvas.height = Math.round(video.videoHeight * scale);
          context.drawImage(video, 0, 0, canvas.width, canvas.height);
          text = await decodeOnWorker(context.getImageData(0, 0, canvas.width, canvas.height));
        }
        if (text && running) found(text);
      } catch (error) {
        stop();
        failed(error);
        return;
      }
    }
    setTimeout(frame, FRAME_MS);
  };
  frame();
  return stop;
}
