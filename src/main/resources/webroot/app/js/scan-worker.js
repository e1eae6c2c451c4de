// The QR decoder of phones whose browser has no BarcodeDetector, on a thread of its own so that
// decoding camera frames never holds up the page. The server puts DECODER above this line: the
// address of the vendored @zxing/library (see AppShell), loaded on the first frame, not before.
// A message {id, width, height, pixels (RGBA bytes)} is answered {id, text} (null: no code in
// it), or {id, failed: true} when the decoder could not be loaded.
/* global DECODER, ZXing */
let reader = null;

function load() {
  if (!reader) {
    importScripts(DECODER);
    reader = new ZXing.QRCodeReader();
  }
  return reader;
}

/** The frame's grey levels, green counted twice as the eye does (ZXing's own weighting). */
function grey(rgba, size) {
  const out = new Uint8ClampedArray(size);
  for (let i = 0, p = 0; i < size; i += 1, p += 4) out[i] = (rgba[p] + 2 * rgba[p + 1] + rgba[p + 2]) >> 2;
  return out;
}

/** The grey picture at 1/step of its size, each pixel the mean of a step × step block. */
function shrunk(levels, width, height, step) {
  const w = Math.floor(width / step);
  const h = Math.floor(height / step);
  const out = new Uint8ClampedArray(w * h);
  for (let y = 0; y < h; y += 1) {
    for (let x = 0; x < w; x += 1) {
      let sum = 0;
      for (let dy = 0; dy < step; dy += 1) {
        const row = (y * step + dy) * width + x * step;
        for (let dx = 0; dx < step; dx += 1) sum += levels[row + dx];
      }
      out[y * w + x] = sum / (step * step);
    }
  }
  return { levels: out, width: w, height: h };
}

function decode(decoder, { levels, width, height }) {
  try {
    return decoder.decode(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(
      new ZXing.RGBLuminanceSource(levels, width, height)))).getText();
  } catch {
    // No QR code in this picture (ZXing's NotFound, Checksum or Format exception).
    return null;
  } finally {
    decoder.reset();
  }
}

// ZXing's detector misses a few symbols at some scales and finds them at others (as on the
// server, agritrace.labels.PhotoScan): a frame not read as it is is read again at half its size.
self.onmessage = ({ data: { id, width, height, pixels } }) => {
  let decoder;
  try {
    decoder = load();
  } catch {
    self.postMessage({ id, failed: true });
    return;
  }
  const frame = { levels: grey(new Uint8ClampedArray(pixels), width * height), width, height };
  let text = decode(decoder, frame);
  if (text === null && Math.min(width, height) >= 58) text = decode(decoder, shrunk(frame.levels, width, height, 2));
  self.postMessage({ id, text });
};
