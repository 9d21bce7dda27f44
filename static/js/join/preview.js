// The live card preview, which is the card: the server lays out the texts of every format
// (/card-preview/layout) and finds the faces and frames them (/card-preview/faces); the page
// draws what it is told on a canvas (card-canvas.js) in the chosen design and format. The
// person frames the photo by dragging, tapping or with the arrow keys: their focal point wins.
// The preview's element carries what it shows (data-lines, data-crop) for the browser tests.
import { drawCard, fontsFor, lineTexts } from "./card-canvas.js";
import { cropFor, findFaces } from "./framing.js";
import { clamp, cleaned, fill } from "./text.js";

const LAYOUT_DELAY = 250; // ms after the last keystroke

/** Wire the preview; returns showPhoto(file, onUnreadable) and update() for the texts. */
export function setUpPreview(form, { languages, onTexts = () => {}, messages = {}, locale = "en" }) {
  const $ = (selector) => form.querySelector(selector);
  const preview = $("[data-preview]");
  if (!preview) return { showPhoto: () => {}, update: onTexts };
  const figure = $("[data-preview-card]");
  const canvas = $("[data-preview-canvas]");
  const framing = $("[data-framing]");
  const dot = $("[data-focal-dot]");
  const caption = $("[data-preview-caption]");
  const status = $("[data-framing-status]");
  const announcer = $("[data-framing-announce]");
  const resetButton = $('[data-action="focal-reset"]');
  const formatButtons = Array.from(preview.querySelectorAll("[data-show-format]"));
  const focalInputs = { x: $('[data-focal="x"]'), y: $('[data-focal="y"]') };
  const facesInput = $("[data-faces]");
  const hashtagHint = $("[data-hashtag-hint]");
  const hashtag = $("[data-hashtag]");
  const fields = form.elements;
  const official = preview.hasAttribute("data-official");
  const token = fields.csrf_token ? fields.csrf_token.value : "";
  const percent = new Intl.NumberFormat(locale, { style: "percent" });

  const state = {
    format: (formatButtons.find((b) => b.getAttribute("aria-pressed") === "true") || {}).dataset?.showFormat || "square",
    layouts: null, // {design, formats: {square: layout, ...}} as last answered
    image: null,
    size: null, // the photo's upright pixel size
    framings: null, // the server's framing of the photo for every design, format, direction
    faceCount: 0,
    faces: null, // what the figure says of the faces: "pending", their number, or "unknown"
    layoutPending: false,
    focal: null, // the person's own focal point, once they moved the photo
  };
  const chosenFocal = () => {
    const x = parseFloat(focalInputs.x.value);
    const y = parseFloat(focalInputs.y.value);
    return Number.isFinite(x) && Number.isFinite(y) ? { x: clamp(x, 0, 1), y: clamp(y, 0, 1) } : null;
  };
  state.focal = chosenFocal();

  const design = () => {
    const checked = form.querySelector('input[name="design"]:checked');
    return checked ? checked.value : "split";
  };
  const layout = () => state.layouts && state.layouts.formats[state.format];

  /** The photo's crop on the card shown: the person's focal point, else the server's framing. */
  function crop() {
    const shown = layout();
    if (!state.size || !shown) return null;
    if (state.focal) return { ...cropFor(state.size, shown.photo, state.focal), by: "chosen" };
    const framed = state.framings && state.framings[state.layouts.design];
    const cut = framed && framed[state.format] && framed[state.format][shown.rtl ? "rtl" : "ltr"];
    if (cut) {
      const [left, top, right, bottom] = cut.crop;
      // photo: the card's box the crop fills, lower than the layout's when the framing
      // lowered the photo to keep a face clear of a story's band.
      const by = state.faceCount ? "faces" : "centre"; // no face: the server centres the cut
      return { left, top, width: right - left, height: bottom - top, photo: cut.photo, by };
    }
    return { ...cropFor(state.size, shown.photo, { x: 0.5, y: 0.5 }), by: "centre" };
  }

  let frame = 0;
  function draw() {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      // The figure says the layout and the faces are in only in the frame that draws them,
      // so whatever reads it (a test, a script) never sees the card drawn before they came.
      if (!state.layoutPending) delete figure.dataset.pending;
      if (state.faces) figure.dataset.faces = state.faces;
      const shown = layout();
      if (!shown) return;
      const cut = crop();
      drawCard(canvas, shown, state.image, cut);
      const [left, top, right, bottom] = shown.photo;
      Object.assign(framing.style, {
        left: `${(left / shown.width) * 100}%`,
        top: `${(top / shown.height) * 100}%`,
        width: `${((right - left) / shown.width) * 100}%`,
        height: `${((bottom - top) / shown.height) * 100}%`,
      });
      figure.dataset.format = state.format;
      figure.dataset.design = state.layouts.design;
      figure.dataset.language = state.layouts.language;
      figure.dataset.lines = JSON.stringify(lineTexts(shown));
      canvas.style.aspectRatio = `${shown.width} / ${shown.height}`;
      if (cut) {
        figure.dataset.crop = JSON.stringify([cut.left, cut.top, cut.left + cut.width, cut.top + cut.height]);
        figure.dataset.framedBy = cut.by;
        figure.dataset.photoBox = JSON.stringify(cut.photo || shown.photo);
        figure.dataset.photoSize = `${state.size.w}x${state.size.h}`;
        dot.hidden = cut.by !== "chosen";
        resetButton.hidden = cut.by !== "chosen";
        if (cut.by === "chosen") {
          dot.style.left = `${clamp(((state.focal.x * state.size.w - cut.left) / cut.width) * 100, 0, 100)}%`;
          dot.style.top = `${clamp(((state.focal.y * state.size.h - cut.top) / cut.height) * 100, 0, 100)}%`;
        }
        status.textContent =
          cut.by === "chosen" ? messages.framedByYou : cut.by === "faces" ? messages.framedFaces : messages.framedCentre;
      }
    });
  }

  // The layout: asked again a moment after each change, the latest answer wins.
  let asked = 0;
  let timer = 0;
  function texts() {
    const country = official ? preview.dataset.country : fields.country && fields.country.value;
    return {
      official,
      language: fields.language.value,
      design: design(),
      name: cleaned(fields.name.value),
      title: official && fields.title ? cleaned(fields.title.value) : "",
      city: official ? preview.dataset.city : cleaned(fields.city.value),
      country: country || "",
      statement: fields.statement.value,
    };
  }
  async function askLayout() {
    const body = texts();
    const number = ++asked;
    state.layoutPending = true;
    figure.dataset.pending = "true";
    try {
      const response = await fetch(preview.dataset.layoutUrl, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "X-CSRFToken": token },
        credentials: "same-origin",
      });
      // A refused text (a character the form will refuse too) keeps the last card shown.
      if (!response.ok || number !== asked) return;
      const answer = await response.json();
      if (number !== asked) return;
      state.layouts = { design: body.design, language: body.language, formats: answer.formats };
      await fontsFor(layout());
      if (number !== asked) return;
      draw();
    } catch {
      // Offline: the last card stays; the form still works.
    } finally {
      if (number === asked) {
        state.layoutPending = false;
        draw();
      }
    }
  }
  function scheduleLayout(now = false) {
    clearTimeout(timer);
    // Nothing is asked while there is no photo to show the card with: typing first costs
    // the server nothing, and the card is laid out as soon as the photo is in.
    if (preview.hidden) return;
    state.layoutPending = true;
    figure.dataset.pending = "true";
    timer = setTimeout(askLayout, now ? 0 : LAYOUT_DELAY);
  }

  function showFormat(format) {
    state.format = format;
    formatButtons.forEach((button) => button.setAttribute("aria-pressed", String(button.dataset.showFormat === format)));
    const button = formatButtons.find((b) => b.dataset.showFormat === format);
    if (button) {
      caption.textContent = button.textContent.trim();
      framing.setAttribute("aria-label", fill(messages.framingOf, { card: caption.textContent }));
    }
    figure.classList.toggle("is-story", format === "story");
    if (layout()) fontsFor(layout()).then(draw);
  }
  formatButtons.forEach((button) => button.addEventListener("click", () => showFormat(button.dataset.showFormat)));

  function showPhoto(file, onUnreadable) {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = async () => {
      if (state.image && state.image.src.startsWith("blob:")) URL.revokeObjectURL(state.image.src);
      state.image = image;
      state.size = { w: image.naturalWidth, h: image.naturalHeight };
      state.framings = null;
      setFocal(null);
      if (preview.hidden) {
        preview.hidden = false;
        scheduleLayout(true);
      }
      state.faces = figure.dataset.faces = "pending";
      draw();
      const found = await findFaces(preview.dataset.facesUrl, token, image);
      if (state.image !== image) return; // another photo was chosen meanwhile
      state.framings = found ? found.framings : null;
      state.faceCount = found ? found.faces.length : 0;
      // Sent with the form: the server frames the cards around these very faces.
      if (facesInput) facesInput.value = found ? JSON.stringify(found.faces) : "";
      state.faces = found ? String(found.faces.length) : "unknown";
      draw();
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      preview.hidden = true;
      onUnreadable();
    };
    image.src = url;
  }

  /** The person's focal point (null: back to the automatic framing). */
  function setFocal(point) {
    state.focal = point ? { x: clamp(point.x, 0, 1), y: clamp(point.y, 0, 1) } : null;
    focalInputs.x.value = state.focal ? state.focal.x.toFixed(4) : "";
    focalInputs.y.value = state.focal ? state.focal.y.toFixed(4) : "";
    draw();
  }
  const announce = () => {
    if (!state.focal) return;
    announcer.textContent = fill(messages.framing, { x: percent.format(state.focal.x), y: percent.format(state.focal.y) });
  };

  // Dragging moves the photo under the card's window; a tap centres it on the tapped spot.
  let drag = null;
  framing.addEventListener("pointerdown", (event) => {
    const cut = crop();
    if (!cut || (event.pointerType === "mouse" && event.button !== 0)) return;
    framing.setPointerCapture(event.pointerId);
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY, cut, moved: false };
    event.preventDefault();
  });
  framing.addEventListener("pointermove", (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 5) return;
    drag.moved = true;
    const { w, h } = state.size;
    const { cut } = drag;
    const scale = framing.getBoundingClientRect().width / cut.width; // screen px per photo px
    // Dragging the photo right shows more of its left: the crop's centre moves left.
    setFocal({ x: (cut.left + cut.width / 2 - dx / scale) / w, y: (cut.top + cut.height / 2 - dy / scale) / h });
  });
  const end = (event) => {
    if (!drag || event.pointerId !== drag.id) return;
    if (!drag.moved && event.type === "pointerup") {
      const rect = framing.getBoundingClientRect();
      const { cut } = drag;
      const scale = rect.width / cut.width;
      setFocal({
        x: (cut.left + (event.clientX - rect.left) / scale) / state.size.w,
        y: (cut.top + (event.clientY - rect.top) / scale) / state.size.h,
      });
    }
    if (drag.moved || event.type === "pointerup") announce();
    drag = null;
  };
  framing.addEventListener("pointerup", end);
  framing.addEventListener("pointercancel", end);
  framing.addEventListener("keydown", (event) => {
    const cut = crop();
    if (!cut) return;
    const step = event.shiftKey ? 0.01 : 0.05;
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (event.key === "Home") {
      setFocal(null);
    } else if (moves[event.key]) {
      const centre = state.focal || {
        x: (cut.left + cut.width / 2) / state.size.w,
        y: (cut.top + cut.height / 2) / state.size.h,
      };
      setFocal({ x: centre.x + moves[event.key][0], y: centre.y + moves[event.key][1] });
    } else {
      return;
    }
    event.preventDefault();
    announce();
  });
  resetButton.addEventListener("click", () => {
    setFocal(null);
    framing.focus(); // the button goes once the framing is the server's again
    requestAnimationFrame(() => requestAnimationFrame(() => (announcer.textContent = status.textContent)));
  });

  function update() {
    const code = fields.language.value in languages ? fields.language.value : "en";
    const spoken = languages[code] || { hashtag: "", dir: "ltr" };
    if (hashtagHint && hashtag) {
      hashtagHint.hidden = !spoken.hashtag;
      hashtag.textContent = spoken.hashtag;
      hashtag.lang = code;
      hashtag.dir = spoken.dir;
    }
    // Spell checkers and screen readers then treat the statement as the language it is in.
    fields.statement.lang = code;
    canvas.lang = code;
    onTexts();
    scheduleLayout();
  }

  ["input", "change"].forEach((type) => {
    ["statement", "language", "name", "city", "country", "title", "design"].forEach((name) => {
      const control = fields[name];
      if (!control) return;
      // A radio group is a list of inputs.
      (control.length && !control.tagName ? Array.from(control) : [control]).forEach((input) =>
        input.addEventListener(type, update),
      );
    });
  });
  showFormat(state.format);
  return { showPhoto, update };
}
