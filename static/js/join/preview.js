// The live card preview: the photo cropped as the server will crop it, framed by dragging,
// tapping or the arrow keys; the statement, name, place and hashtag as they will read.
import { clamp, cleaned, fill } from "./text.js";

// The photo's box on each card, in card pixels (campaign/cards/designs.json, "split").
const PHOTO_BOXES = { landscape: [600, 630], square: [1080, 605] };
const STATEMENT_MIN_RATIO = { landscape: 19 / 42, square: 19 / 46 };

/** Wire the preview; returns showPhoto(file, onUnreadable) and update() for the texts. */
export function setUpPreview(form, { languages, onTexts, messages = {}, locale = "en" }) {
  const $ = (selector, root = form) => root.querySelector(selector);
  const preview = $("[data-preview]");
  const figures = Array.from(preview.querySelectorAll("[data-format]"));
  const focalInputs = { x: $('[data-focal="x"]'), y: $('[data-focal="y"]') };
  const hashtagHint = $("[data-hashtag-hint]");
  const hashtag = $("[data-hashtag]");
  const fields = form.elements;
  const announcer = $("[data-framing-announce]");
  const percent = new Intl.NumberFormat(locale, { style: "percent" });
  // Keyboard users hear where the photo is centred; a drag shows it.
  const announce = () => {
    announcer.textContent = fill(messages.framing, { x: percent.format(focal.x), y: percent.format(focal.y) });
  };
  let photoUrl = null;
  let photoSize = null; // upright pixel size of the chosen photo
  let focal = {
    x: clamp(parseFloat(focalInputs.x.value) || 0.5, 0, 1),
    y: clamp(parseFloat(focalInputs.y.value) || 0.5, 0, 1),
  };
  if (form.dataset.accent) {
    figures.forEach((figure) => $("[data-card]", figure).style.setProperty("--card-accent", form.dataset.accent));
  }

  function showPhoto(file, onUnreadable) {
    if (photoUrl) URL.revokeObjectURL(photoUrl);
    photoUrl = URL.createObjectURL(file);
    const probe = new Image();
    probe.onload = () => {
      photoSize = { w: probe.naturalWidth, h: probe.naturalHeight };
      figures.forEach((figure) => {
        $("[data-preview-photo]", figure).src = photoUrl;
      });
      preview.hidden = false;
      // Not chosen yet: the server frames the faces it finds (campaign/cards/framing.py).
      setFocal({ x: 0.5, y: 0.5 }, { chosen: false });
      update();
    };
    probe.onerror = () => {
      photoSize = null;
      preview.hidden = true;
      onUnreadable();
    };
    probe.src = photoUrl;
  }

  /** The server's crop (campaign/cards/render.py crop_to) of the photo for a format. */
  function cropFor(format, point = focal) {
    const [boxWidth, boxHeight] = PHOTO_BOXES[format];
    const { w, h } = photoSize;
    const width = Math.min(w, (h * boxWidth) / boxHeight);
    const height = (width * boxHeight) / boxWidth;
    const left = clamp(point.x * w - width / 2, 0, w - width);
    const top = clamp(point.y * h - height / 2, 0, h - height);
    return { width, height, left, top };
  }

  function setFocal(point, { chosen = true } = {}) {
    focal = { x: clamp(point.x, 0, 1), y: clamp(point.y, 0, 1) };
    focalInputs.x.value = chosen ? focal.x.toFixed(4) : "";
    focalInputs.y.value = chosen ? focal.y.toFixed(4) : "";
    if (!photoSize) return;
    const { w, h } = photoSize;
    figures.forEach((figure) => {
      const crop = cropFor(figure.dataset.format);
      const x = w - crop.width > 0.5 ? (crop.left / (w - crop.width)) * 100 : 50;
      const y = h - crop.height > 0.5 ? (crop.top / (h - crop.height)) * 100 : 50;
      $("[data-preview-photo]", figure).style.objectPosition = `${x}% ${y}%`;
      const dot = $("[data-focal-dot]", figure);
      dot.style.left = `${clamp(((focal.x * w - crop.left) / crop.width) * 100, 0, 100)}%`;
      dot.style.top = `${clamp(((focal.y * h - crop.top) / crop.height) * 100, 0, 100)}%`;
    });
  }

  figures.forEach((figure) => {
    const format = figure.dataset.format;
    const framing = $("[data-framing]", figure);
    let drag = null;

    framing.addEventListener("pointerdown", (event) => {
      if (!photoSize || (event.pointerType === "mouse" && event.button !== 0)) return;
      framing.setPointerCapture(event.pointerId);
      drag = { id: event.pointerId, x: event.clientX, y: event.clientY, crop: cropFor(format), moved: false };
      event.preventDefault();
    });
    framing.addEventListener("pointermove", (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < 5) return;
      drag.moved = true;
      // Dragging the photo right shows more of its left: the crop's centre moves left.
      const { w, h } = photoSize;
      const { crop } = drag;
      const scale = framing.getBoundingClientRect().width / crop.width; // screen px per photo px
      const centre = { x: (crop.left + crop.width / 2) / w, y: (crop.top + crop.height / 2) / h };
      const next = { ...focal };
      if (w - crop.width > 0.5) {
        next.x = clamp(centre.x - dx / scale / w, crop.width / 2 / w, 1 - crop.width / 2 / w);
      }
      if (h - crop.height > 0.5) {
        next.y = clamp(centre.y - dy / scale / h, crop.height / 2 / h, 1 - crop.height / 2 / h);
      }
      setFocal(next);
    });
    const end = (event) => {
      if (!drag || event.pointerId !== drag.id) return;
      if (!drag.moved && event.type === "pointerup") {
        // A tap: the tapped spot of the photo becomes the centre of every crop.
        const rect = framing.getBoundingClientRect();
        const { crop } = drag;
        const scale = rect.width / crop.width;
        setFocal({
          x: (crop.left + (event.clientX - rect.left) / scale) / photoSize.w,
          y: (crop.top + (event.clientY - rect.top) / scale) / photoSize.h,
        });
      }
      drag = null;
    };
    framing.addEventListener("pointerup", end);
    framing.addEventListener("pointercancel", end);
    framing.addEventListener("keydown", (event) => {
      if (!photoSize) return;
      const step = event.shiftKey ? 0.01 : 0.05;
      const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
      if (event.key === "Home") {
        setFocal({ x: 0.5, y: 0.5 });
      } else if (moves[event.key]) {
        setFocal({ x: focal.x + moves[event.key][0], y: focal.y + moves[event.key][1] });
      } else {
        return;
      }
      event.preventDefault();
      announce();
    });
  });
  $('[data-action="focal-reset"]').addEventListener("click", () => {
    setFocal({ x: 0.5, y: 0.5 });
    announce();
  });

  function selectedText(select) {
    const option = select.selectedOptions && select.selectedOptions[0];
    return option && option.value ? option.textContent.trim() : "";
  }

  /** Shrink the statement until the panel holds it, as the renderer does (down to its floor). */
  function fitStatements() {
    figures.forEach((figure) => {
      const panel = $(".preview-panel", figure);
      const text = $('[data-pv="statement"]', figure);
      text.style.fontSize = "";
      const largest = parseFloat(getComputedStyle(text).fontSize);
      const smallest = largest * STATEMENT_MIN_RATIO[figure.dataset.format];
      let size = largest;
      while (panel.scrollHeight > panel.clientHeight + 1 && size > smallest) {
        size = Math.max(smallest, size * 0.92);
        text.style.fontSize = `${size}px`;
      }
    });
  }

  function update() {
    const code = fields.language.value in languages ? fields.language.value : "en";
    const spoken = languages[code] || { prompt: "", hashtag: "", dir: "ltr" };
    hashtagHint.hidden = !spoken.hashtag;
    hashtag.textContent = spoken.hashtag;
    hashtag.lang = code;
    hashtag.dir = spoken.dir;
    // Spell checkers and screen readers then treat the statement as the language it is in.
    fields.statement.lang = code;
    const place = [cleaned(fields.city.value), selectedText(fields.country)].filter(Boolean);
    const texts = {
      prompt: spoken.prompt,
      statement: cleaned(fields.statement.value),
      name: cleaned(fields.name.value),
      place: place.join(", "),
      hashtag: spoken.hashtag,
    };
    figures.forEach((figure) => {
      const card = $("[data-card]", figure);
      card.dir = spoken.dir;
      card.lang = code;
      card.querySelectorAll("[data-pv]").forEach((element) => {
        element.textContent = texts[element.dataset.pv];
      });
    });
    onTexts();
    if (!preview.hidden) fitStatements();
  }

  ["input", "change"].forEach((type) => {
    ["statement", "language", "name", "city", "country"].forEach((name) =>
      fields[name].addEventListener(type, update),
    );
  });
  if (window.ResizeObserver) new ResizeObserver(() => !preview.hidden && fitStatements()).observe(preview);
  return { showPhoto, update };
}
