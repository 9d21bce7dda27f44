// Making a large photo smaller in the browser before it is sent, to save phones' data.
import { clamp } from "./text.js";

// Photos are stored at most this long (campaign/images.py STORED_LONG_SIDE); cards need a
// short side of about 1080 px, so a downscale never goes below it.
const MAX_SIDE = 2560;
const MIN_SHORT_SIDE = 1080;
const RESIZE_ABOVE_BYTES = 1.5 * 1024 * 1024;
const JPEG_QUALITY = 0.88;

/** A smaller upright JPEG of the photo, or null when it is small enough or not ours to redraw
    (HEIC and anything the browser cannot decode go as they are; the server checks them). */
export async function downscaled(file) {
  if (!window.createImageBitmap || !/^image\/(jpeg|png|webp)$/.test(file.type)) return null;
  let bitmap;
  try {
    // "from-image": the pixels come out upright, so the JPEG we make needs no EXIF (and
    // carries none: no GPS position leaves the phone).
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return null;
  }
  try {
    const { width, height } = bitmap;
    const longSide = Math.max(width, height);
    if (longSide <= MAX_SIDE && file.size <= RESIZE_ABOVE_BYTES) return null;
    const scale = clamp(MAX_SIDE / longSide, Math.min(1, MIN_SHORT_SIDE / Math.min(width, height)), 1);
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff"; // transparent PNG areas become white, not black
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
    if (!blob || blob.size >= file.size) return null;
    const name = `${file.name.replace(/\.[^.]*$/, "") || "photo"}.jpg`;
    return new File([blob], name, { type: "image/jpeg", lastModified: Date.now() });
  } finally {
    bitmap.close();
  }
}
