// Where the card's photo is cut, as the server cuts it. The server finds the faces and frames
// them (/card-preview/faces answers with every design's and format's framing: one rule, in
// campaign/cards/framing.py); the page only cuts the photo where it is told, or, once the
// person moved the photo, around their focal point by the rule below.
import { clamp } from "./text.js";

const DETECT_SHORT = 360; // campaign/cards/portrait.py: the detector looks at about this
const DETECT_LONG = 1280;

/** The part of an upright photo ({w, h}) that fills box [left, top, right, bottom] around the
    focal point ({x, y} as fractions), zoom > 1 closer in: campaign/cards/cutting.py upright_crop. */
export function cropFor(size, box, focal, zoom = 1) {
  const width = box[2] - box[0];
  const height = box[3] - box[1];
  let cropWidth = Math.min(size.w, (size.h * width) / height);
  const cropHeight = Math.min(size.h, (cropWidth * height) / width) / zoom;
  cropWidth /= zoom;
  const left = Math.max(0, Math.min(clamp(focal.x, 0, 1) * size.w - cropWidth / 2, size.w - cropWidth));
  const top = Math.max(0, Math.min(clamp(focal.y, 0, 1) * size.h - cropHeight / 2, size.h - cropHeight));
  return { left, top, width: cropWidth, height: cropHeight };
}

/** A small upright JPEG of the photo for the face finder (a few tens of kilobytes). */
async function smallCopy(image) {
  const { naturalWidth: w, naturalHeight: h } = image;
  const scale = Math.min(1, DETECT_SHORT / Math.min(w, h), DETECT_LONG / Math.max(w, h));
  const canvas = document.createElement("canvas");
  canvas.width = Math.max(1, Math.round(w * scale));
  canvas.height = Math.max(1, Math.round(h * scale));
  const context = canvas.getContext("2d");
  context.imageSmoothingQuality = "high";
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.9));
}

/** The faces in the photo and every card's framing of it, from the server; null when it
    cannot say (offline, refused): the server then finds them again when the form is sent. */
export async function findFaces(url, token, image) {
  const copy = await smallCopy(image);
  if (!copy) return null;
  const address = new URL(url, window.location.href);
  address.searchParams.set("width", image.naturalWidth);
  address.searchParams.set("height", image.naturalHeight);
  try {
    const response = await fetch(address, {
      method: "POST",
      body: copy,
      headers: { "Content-Type": "image/jpeg", "X-CSRFToken": token },
      credentials: "same-origin",
    });
    if (!response.ok) return null;
    return await response.json();
  } catch {
    return null;
  }
}
