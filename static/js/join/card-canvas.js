// Drawing a card on a canvas from the layout the server sent (campaign/cards/preview.py): the
// same areas, colours, sizes and lines, each text piece where the renderer puts it
// (campaign/cards/render.py, paint.py). The browser only draws the glyphs.

// The card's own fonts (static/fonts, declared in static/css/join.css), by the engine's
// family names; a script they do not cover is drawn in the system's font for it.
const FONTS = {
  latin: '"Card Sans", "Noto Sans", sans-serif',
  arabic: '"Card Arabic", "Noto Sans Arabic", "Card Sans", sans-serif',
  cjk: '"Card CJK", "Noto Sans SC", "Noto Sans CJK SC", sans-serif',
};
const FALLBACK_FONT = '"Card Sans", "Noto Sans", sans-serif';
const loading = new Map();

const fontOf = (family, size, bold) => `${bold ? "700" : "400"} ${size}px ${FONTS[family] || FALLBACK_FONT}`;

/** Load the card fonts a layout uses; resolves when they are in (or could not be). */
export function fontsFor(layout) {
  const wanted = new Set();
  layout.texts.forEach((text) =>
    text.lines.forEach((line) => line.pieces.forEach((piece) => wanted.add(fontOf(piece.family, 20, text.bold)))),
  );
  const jobs = [...wanted].map((font) => {
    if (!loading.has(font)) loading.set(font, document.fonts ? document.fonts.load(font).catch(() => []) : Promise.resolve());
    return loading.get(font);
  });
  return Promise.all(jobs);
}

/** Draw the card: background, the photo's crop ({left, top, width, height} of image, and
    the card box it fills: the layout's photo box, or one the framing lowered) in the photo
    area, the band or bar, and every text. */
export function drawCard(canvas, layout, image, crop) {
  if (canvas.width !== layout.width) canvas.width = layout.width;
  if (canvas.height !== layout.height) canvas.height = layout.height;
  const context = canvas.getContext("2d");
  const { background, accent } = layout.colours;
  context.fillStyle = background;
  context.fillRect(0, 0, layout.width, layout.height);
  if (image && crop) {
    const [left, top, right, bottom] = crop.photo || layout.photo;
    context.imageSmoothingQuality = "high";
    context.drawImage(image, crop.left, crop.top, crop.width, crop.height, left, top, right - left, bottom - top);
    // A lowered top edge or a raised bottom one: the background beyond it, fading over the
    // photo's edge (render.py with_crop).
    const fade = Math.min(layout.drop_fade, bottom - top);
    if (top > layout.photo[1]) fadeEdge(context, background, [left, top, right], fade, 1);
    if (bottom < layout.photo[3]) fadeEdge(context, background, [left, bottom, right], fade, -1);
  }
  if (layout.scrim !== null) drawScrim(context, layout, background);
  if (layout.bar) {
    context.fillStyle = accent;
    context.fillRect(layout.bar[0], layout.bar[1], layout.bar[2] - layout.bar[0], layout.bar[3] - layout.bar[1]);
  }
  layout.texts.forEach((text) => drawText(context, text));
  if (layout.badge) drawBadge(context, layout.badge, accent, background);
}

/** The background over fade pixels from an edge at y into the photo (+1 down, -1 up), opaque
    at the edge. */
function fadeEdge(context, background, [left, y, right], fade, inwards) {
  const gradient = context.createLinearGradient(0, y, 0, y + inwards * fade);
  gradient.addColorStop(0, background);
  gradient.addColorStop(1, transparent(background));
  context.fillStyle = gradient;
  context.fillRect(left, Math.min(y, y + inwards * fade), right - left, fade);
}

function drawScrim(context, layout, background) {
  // A band of the background colour at the scrim's opacity, fading in on its side that
  // faces the photo (render.py _scrim).
  const [left, top, right, bottom] = layout.panel;
  const fade = top > 0 || bottom < layout.height ? Math.round((bottom - top) * layout.fade) : 0;
  context.save();
  context.globalAlpha = layout.scrim;
  context.fillStyle = background;
  context.fillRect(left, top, right - left, bottom - top);
  if (fade) {
    const above = top > 0;
    const start = above ? top - fade : bottom;
    const gradient = context.createLinearGradient(0, start, 0, start + fade);
    gradient.addColorStop(0, above ? transparent(background) : background);
    gradient.addColorStop(1, above ? background : transparent(background));
    context.fillStyle = gradient;
    context.fillRect(left, start, right - left, fade);
  }
  context.restore();
}

/** The colour, fully transparent: a gradient to it fades without darkening. */
function transparent(hex) {
  const value = hex.replace("#", "");
  const full = value.length === 3 ? [...value].map((c) => c + c).join("") : value.slice(0, 6);
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, 0)`;
}

function drawText(context, text) {
  context.fillStyle = text.colour;
  context.textBaseline = "alphabetic";
  context.textAlign = "left";
  text.lines.forEach((line) => {
    line.pieces.forEach((piece) => {
      context.font = fontOf(piece.family, text.size, text.bold);
      context.direction = piece.rtl ? "rtl" : "ltr";
      const drawn = context.measureText(piece.text).width;
      // The browser's glyphs may be a little wider or narrower than the card's: each piece
      // is fitted to the width the server measured, so every line starts and ends as on the card.
      const stretch = drawn > 0 ? piece.width / drawn : 1;
      context.save();
      context.translate(piece.x, line.baseline);
      context.scale(Math.min(Math.max(stretch, 0.75), 1.25), 1);
      context.fillText(piece.text, 0, 0);
      context.restore();
    });
  });
  context.direction = "ltr";
}

function drawBadge(context, box, accent, background) {
  const [left, top, right] = box;
  const size = right - left;
  context.fillStyle = accent;
  context.beginPath();
  context.arc(left + size / 2, top + size / 2, size / 2, 0, Math.PI * 2);
  context.fill();
  context.strokeStyle = background;
  context.lineWidth = Math.max(2, Math.floor(size / 8));
  context.lineJoin = "round";
  context.beginPath();
  context.moveTo(left + size * 0.27, top + size * 0.52);
  context.lineTo(left + size * 0.44, top + size * 0.68);
  context.lineTo(left + size * 0.74, top + size * 0.35);
  context.stroke();
}

/** Each text's lines as the pieces drawn, in display order (compared with the card's in tests). */
export function lineTexts(layout) {
  return Object.fromEntries(
    layout.texts.map((text) => [text.role, text.lines.map((line) => line.pieces.map((piece) => piece.text).join(""))]),
  );
}
