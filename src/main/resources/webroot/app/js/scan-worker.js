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

self.onmessage = ({ data: { id, width, height, pixels } }) => {
  let decoder;
  try {
    decoder = load();
  } catch {
    self.postMessage({ id, failed: true });
    return;
  }
  let text = null;
  try {
    const source = new ZXing.RGBLuminanceSource(grey(new Uint8ClampedArray(pixels), width * height), width, height);
    text = decoder.decode(new ZXing.BinaryBitmap(new ZXing.HybridBinarizer(source))).getText();
  } catch {
    // No QR code in this frame (ZXing's NotFound, Checksum or Format exception): the next one may have it.
  } finally {
    decoder.reset();
  }
  self.postMessage({ id, text });
};
