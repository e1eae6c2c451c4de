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

/**
 * The photos a form takes from the camera, shrunk as they come: {photos: [{id, blob, url}],
 * shrinking (how many are still being shrunk), add(event) for the file input's change, remove(photo)}.
 * redraw is called as they change; unreadable is called for a file that is no picture.
 */
export function photoPicker({ redraw, unreadable, newId }) {
  const picker = {
    photos: [],
    shrinking: 0,
    async add(event) {
      const files = [...event.target.files];
      event.target.value = '';
      picker.shrinking += files.length;
      redraw();
      for (const file of files) {
        try {
          const blob = await shrink(file);
          picker.photos.push({ id: newId(), blob, url: URL.createObjectURL(blob) });
        } catch {
          unreadable();
        }
        picker.shrinking--;
        redraw();
      }
    },
    remove(photo) {
      picker.photos.splice(picker.photos.indexOf(photo), 1);
      URL.revokeObjectURL(photo.url);
      redraw();
    },
    /** The photos to keep with the record, their preview addresses let go. */
    taken() {
      picker.photos.forEach((p) => URL.revokeObjectURL(p.url));
      return picker.photos.map(({ id, blob }) => ({ id, blob }));
    },
  };
  return picker;
}
