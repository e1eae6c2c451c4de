// Photos are shrunk on the phone before they wait to be sent: a 12-megapixel camera picture
// becomes a JPEG of at most 1600 pixels on its long side, a few hundred KB instead of 5 MB.
const LONG_SIDE = 1600;
const QUALITY = 0.8;

export async function shrink(file) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d').drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  return blob.size < file.size || file.type !== 'image/jpeg' ? blob : file;
}
