// What the server will say of a photo, said before the upload: the checks of
// campaign/images.py load_photo, in its order, read from the file's header, in the server's
// own words (the page carries them: JoinForm.photo_messages). What the page cannot tell
// (HEIC, a damaged file) is left to the server, which checks everything again.

const HEADER_BYTES = 512 * 1024; // a JPEG's size follows its EXIF and colour profile
const WHOLE_FILE_UP_TO = 64 * 1024 * 1024; // an animated WebP's frames are counted to the end
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// Formats Pillow reads but the campaign does not take: the server says "JPEG, PNG, WebP or HEIC".
const OTHER_IMAGES = ["GIF8", "BM", "II*\0", "MM\0*", "\0\0\x01\0"];

const ascii = (bytes, start, length) => String.fromCharCode(...bytes.subarray(start, start + length));

function jpeg(bytes, view) {
  let offset = 2;
  while (offset + 9 < bytes.length) {
    if (bytes[offset] !== 0xff) break;
    const marker = bytes[offset + 1];
    if (marker === 0xff) {
      offset += 1; // fill byte
    } else if ((marker >= 0xd0 && marker <= 0xd9) || marker === 0x01) {
      offset += 2; // markers without a length
    } else if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { format: "jpeg", height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    } else {
      offset += 2 + view.getUint16(offset + 2);
    }
  }
  return { format: "jpeg" };
}

function png(bytes, view) {
  const found = { format: "png", width: view.getUint32(16), height: view.getUint32(20), frames: 1 };
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const type = ascii(bytes, offset + 4, 4);
    if (type === "IDAT") break; // an APNG's acTL comes before the image data
    if (type === "acTL") found.frames = view.getUint32(offset + 8);
    offset += 12 + view.getUint32(offset);
  }
  return found;
}

function webp(bytes, view) {
  const found = { format: "webp", frames: 0 };
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const type = ascii(bytes, offset, 4);
    const size = view.getUint32(offset + 4, true);
    const data = offset + 8;
    if (type === "VP8X" && data + 11 <= bytes.length) {
      found.width = 1 + (view.getUint32(data + 4, true) & 0xffffff);
      found.height = 1 + (view.getUint32(data + 7, true) & 0xffffff);
    } else if (type === "VP8 " && !found.width && data + 10 <= bytes.length) {
      found.width = view.getUint16(data + 6, true) & 0x3fff;
      found.height = view.getUint16(data + 8, true) & 0x3fff;
    } else if (type === "VP8L" && !found.width && data + 5 <= bytes.length) {
      const bits = view.getUint32(data + 1, true);
      found.width = 1 + (bits & 0x3fff);
      found.height = 1 + ((bits >>> 14) & 0x3fff);
    } else if (type === "ANMF") {
      found.frames += 1;
    }
    offset = data + size + (size % 2);
  }
  return found;
}

/** The file's format, pixel size and frame count as far as its header tells; null when it is
    none of the formats the page knows. */
export function sniff(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 12) return null;
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return jpeg(bytes, view);
  if (bytes.length >= 24 && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return png(bytes, view);
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return webp(bytes, view);
  if (ascii(bytes, 4, 4) === "ftyp") return { format: "heif" };
  if (OTHER_IMAGES.some((magic) => ascii(bytes, 0, magic.length) === magic)) return { format: "other" };
  return null;
}

/** The server's message for what is wrong with the file, or null when nothing the page can
    see is (messages: JoinForm.photo_messages). */
export async function photoProblem(file, messages) {
  if (!file.size) return messages.empty;
  const whole = file.size <= WHOLE_FILE_UP_TO;
  const bytes = new Uint8Array(await (whole ? file : file.slice(0, HEADER_BYTES)).arrayBuffer());
  const found = sniff(bytes);
  if (!found) {
    // Neither the browser nor the page knows it as an image: the server cannot read it either.
    return file.type.startsWith("image/") ? null : messages.unreadable;
  }
  if (found.format === "other") return messages.format;
  if (found.width && found.height) {
    if (found.width * found.height > Number(messages.maxPixels)) return messages.tooLarge;
    if (Math.min(found.width, found.height) < Number(messages.minSide)) return messages.tooSmall;
  }
  // Frames counted to the end of a WebP only when the whole file was read.
  if (found.frames > 1 && (found.format === "png" || whole)) return messages.animated;
  return null;
}
