// The join page, enhanced: take a photo with the camera or choose a file, see the card as it
// will look and frame the photo by dragging or tapping it, watch the statement wrap with a
// counter that counts like the server, and send a downscaled photo with a progress bar.
// Without this script, or without a camera, the plain form does the same job; the server
// checks everything either way.
(() => {
  "use strict";

  const form = document.querySelector("[data-join-form]");
  if (!form || !window.URL || !window.Blob) return;

  // Photos are stored at most this long (campaign/images.py STORED_LONG_SIDE); cards need a
  // short side of about 1080 px, so a downscale never goes below it.
  const MAX_SIDE = 2560;
  const MIN_SHORT_SIDE = 1080;
  const RESIZE_ABOVE_BYTES = 1.5 * 1024 * 1024;
  const JPEG_QUALITY = 0.88;
  // The photo's box on each card, in card pixels (campaign/cards/geometry.py, roomiest split).
  const PHOTO_BOXES = { landscape: [440, 630], square: [1080, 430] };
  const STATEMENT_MIN_RATIO = { landscape: 19 / 46, square: 24 / 62 };
  // What campaign/textinput.py drops or folds: invisible characters, runs of whitespace.
  const INVISIBLE = /[\u200b\u2060\ufeff\u00ad]/g;
  const WHITESPACE = /[\s\x1c-\x1f\x85]+/u;

  const $ = (selector, root = form) => root.querySelector(selector);
  const $$ = (selector, root = form) => Array.from(root.querySelectorAll(selector));
  const messages = (document.getElementById("join-messages") || {}).dataset || {};
  const locale = document.documentElement.lang || "en";
  const numbers = new Intl.NumberFormat(locale);
  const percents = new Intl.NumberFormat(locale, { style: "percent" });
  const fill = (template, values) =>
    (template || "").replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
  const clamp = (value, low, high) => Math.min(Math.max(value, low), high);

  /** The text as the server will keep it: NFC, invisible characters dropped, spaces folded. */
  const cleaned = (text) =>
    (text || "").normalize("NFC").replace(INVISIBLE, "").split(WHITESPACE).filter(Boolean).join(" ");
  /** Its length as the server counts it: code points, not UTF-16 units. */
  const serverLength = (text) => Array.from(cleaned(text)).length;

  const input = form.querySelector('input[type="file"][name="photo"]');
  const photoField = $('[data-field="photo"]');
  const actions = $("[data-photo-actions]");
  const cameraButton = $('[data-action="camera-open"]');
  const chooseButton = $('[data-action="file-choose"]');
  const status = $("[data-photo-status]");
  const preview = $("[data-preview]");
  const focalInputs = { x: $('[data-focal="x"]'), y: $('[data-focal="y"]') };
  const languages = JSON.parse(form.dataset.languages || "{}");
  const maxBytes = Number(form.dataset.maxBytes) || Infinity;

  let chosenFile = null; // what will be uploaded: the file, the capture or their downscale
  let preparing = Promise.resolve();
  let photoUrl = null;
  let photoSize = null; // upright pixel size of the chosen photo
  let focal = {
    x: clamp(parseFloat(focalInputs.x.value) || 0.5, 0, 1),
    y: clamp(parseFloat(focalInputs.y.value) || 0.5, 0, 1),
  };

  const formatSize = (bytes) =>
    bytes >= 1024 * 1024
      ? fill(messages.mb, { size: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1048576) })
      : fill(messages.kb, { size: numbers.format(Math.max(1, Math.round(bytes / 1024))) });

  function setStatus(text, warning = false) {
    status.textContent = text;
    status.classList.toggle("is-warning", warning);
  }

  // ---- Photo: file input, buttons, downscale -------------------------------------------

  photoField.classList.add("js-photo");
  actions.hidden = false;
  const label = photoField.querySelector("label");
  label.id = label.id || "photo-label";
  actions.setAttribute("role", "group");
  actions.setAttribute("aria-labelledby", `${label.id} photo-hint`);
  input.tabIndex = -1;
  const canUseCamera = Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia);
  if (canUseCamera) {
    cameraButton.hidden = false;
    // The camera has its own button; "Choose a file" should offer the gallery and files.
    input.removeAttribute("capture");
  }
  chooseButton.addEventListener("click", () => input.click());
  label.addEventListener("click", (event) => {
    event.preventDefault();
    chooseButton.focus();
  });

  input.addEventListener("change", () => {
    const file = input.files && input.files[0];
    if (file) usePhoto(file, "file");
  });

  function setInputFile(file) {
    try {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files; // so even a plain form post sends the prepared photo
    } catch {
      // Older browsers: the upload below sends chosenFile itself.
    }
  }

  async function downscaled(file) {
    if (!window.createImageBitmap || !/^image\/(jpeg|png|webp)$/.test(file.type)) return null;
    let bitmap;
    try {
      // "from-image": the pixels come out upright, so the JPEG we make needs no EXIF.
      bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
    } catch {
      return null; // the server will say what is wrong with this file
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

  function usePhoto(file, source) {
    preparing = (async () => {
      clearFieldError("photo");
      const smaller = await downscaled(file);
      chosenFile = smaller || file;
      if (smaller || source === "camera") setInputFile(chosenFile);
      const size = formatSize(chosenFile.size);
      if (source === "camera") setStatus(`${messages.taken} ${fill(messages.ready, { size })}`);
      else setStatus(fill(smaller ? messages.resized : messages.ready, { size }));
      showPhoto(chosenFile);
    })();
    return preparing;
  }

  // ---- Camera --------------------------------------------------------------------------

  const camera = $("[data-camera]");
  const video = $("[data-camera-video]");
  const still = $("[data-camera-still]");
  const captureButton = $('[data-action="camera-capture"]');
  const retakeButton = $('[data-action="camera-retake"]');
  let stream = null;
  let stillUrl = null;

  async function openCamera() {
    camera.hidden = false;
    still.hidden = true;
    video.hidden = false;
    captureButton.hidden = false;
    retakeButton.hidden = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: "user", width: { ideal: 1920 }, height: { ideal: 1440 } },
        audio: false,
      });
    } catch (error) {
      camera.hidden = true;
      const missing = error && (error.name === "NotFoundError" || error.name === "OverconstrainedError");
      setStatus(missing ? messages.cameraUnavailable : messages.cameraDenied, true);
      chooseButton.focus();
      return;
    }
    video.srcObject = stream;
    try {
      await video.play();
    } catch {
      // Autoplay of a muted inline video is allowed; nothing to do if a browser objects.
    }
    captureButton.focus();
  }

  function stopCamera() {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.srcObject = null;
  }

  async function capture() {
    if (!video.videoWidth) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", 0.92));
    if (!blob) return;
    stopCamera();
    if (stillUrl) URL.revokeObjectURL(stillUrl);
    stillUrl = URL.createObjectURL(blob);
    still.src = stillUrl;
    still.hidden = false;
    video.hidden = true;
    captureButton.hidden = true;
    retakeButton.hidden = false;
    retakeButton.focus();
    await usePhoto(new File([blob], "camera.jpg", { type: "image/jpeg", lastModified: Date.now() }), "camera");
  }

  cameraButton.addEventListener("click", openCamera);
  captureButton.addEventListener("click", capture);
  retakeButton.addEventListener("click", openCamera);
  $('[data-action="camera-close"]').addEventListener("click", () => {
    stopCamera();
    camera.hidden = true;
    cameraButton.focus();
  });
  window.addEventListener("pagehide", stopCamera);

  // ---- Card preview and framing ----------------------------------------------------------

  const figures = $$("[data-format]", preview);

  function showPhoto(file) {
    if (photoUrl) URL.revokeObjectURL(photoUrl);
    photoUrl = URL.createObjectURL(file);
    const probe = new Image();
    probe.onload = () => {
      photoSize = { w: probe.naturalWidth, h: probe.naturalHeight };
      figures.forEach((figure) => {
        $("[data-preview-photo]", figure).src = photoUrl;
      });
      preview.hidden = false;
      setFocal({ x: 0.5, y: 0.5 });
      updateTexts();
    };
    probe.onerror = () => {
      photoSize = null;
      preview.hidden = true;
      setStatus(messages.noPreview, true);
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

  function setFocal(point) {
    focal = { x: clamp(point.x, 0, 1), y: clamp(point.y, 0, 1) };
    focalInputs.x.value = focal.x.toFixed(4);
    focalInputs.y.value = focal.y.toFixed(4);
    drawFraming();
  }

  function drawFraming() {
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
    });
  });
  $('[data-action="focal-reset"]').addEventListener("click", () => setFocal({ x: 0.5, y: 0.5 }));

  // ---- Statement, language, counter --------------------------------------------------------

  const statement = form.elements.statement;
  const language = form.elements.language;
  const counter = $("[data-counter]");
  const announcer = $("[data-counter-announce]");
  const hashtagHint = $("[data-hashtag-hint]");
  const hashtag = $("[data-hashtag]");
  const statementMax = Number(form.dataset.statementMax) || 280;
  let counterState = "ok";

  counter.id = "statement-counter";
  counter.hidden = false;
  // maxlength counts UTF-16 units, so it would cut a statement with emoji short of what the
  // server accepts; the counter (code points, like the server) takes over.
  statement.removeAttribute("maxlength");
  statement.setAttribute(
    "aria-describedby",
    `${statement.getAttribute("aria-describedby") || ""} ${counter.id}`.trim(),
  );

  function updateCounter() {
    const count = serverLength(statement.value);
    const left = statementMax - count;
    counter.textContent = fill(messages.count, { count: numbers.format(count), max: numbers.format(statementMax) });
    counter.classList.toggle("is-near", left >= 0 && left <= 20);
    counter.classList.toggle("is-over", left < 0);
    // Announce only when crossing a threshold, not on every keystroke.
    const state = left < 0 ? "over" : left <= 10 ? "10" : left <= 20 ? "20" : "ok";
    if (state !== counterState) {
      counterState = state;
      if (state === "over") announcer.textContent = fill(messages.over, { count: numbers.format(-left) });
      else if (state !== "ok") announcer.textContent = fill(messages.left, { count: numbers.format(left) });
      else announcer.textContent = "";
    }
  }

  function selectedText(select) {
    const option = select.selectedOptions && select.selectedOptions[0];
    return option && option.value ? option.textContent.trim() : "";
  }

  function updateTexts() {
    const code = language.value in languages ? language.value : "en";
    const spoken = languages[code] || { prompt: "", hashtag: "", dir: "ltr" };
    hashtagHint.hidden = !spoken.hashtag;
    hashtag.textContent = spoken.hashtag;
    hashtag.lang = code;
    hashtag.dir = spoken.dir;
    const place = [cleaned(form.elements.city.value), selectedText(form.elements.country)].filter(Boolean);
    const texts = {
      prompt: spoken.prompt,
      statement: cleaned(statement.value),
      name: cleaned(form.elements.name.value),
      place: place.join(", "),
      hashtag: spoken.hashtag,
    };
    figures.forEach((figure) => {
      const card = $("[data-card]", figure);
      card.dir = spoken.dir;
      card.lang = code;
      $$("[data-pv]", card).forEach((element) => {
        element.textContent = texts[element.dataset.pv];
      });
    });
    updateCounter();
    if (!preview.hidden) fitStatements();
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

  ["input", "change"].forEach((type) => {
    [statement, language, form.elements.name, form.elements.city, form.elements.country].forEach(
      (element) => element.addEventListener(type, updateTexts),
    );
  });
  if (window.ResizeObserver) new ResizeObserver(() => !preview.hidden && fitStatements()).observe(preview);
  updateTexts();

  // ---- Sending, with progress; the server's answer shown in place --------------------------

  const progress = $("[data-progress]");
  const bar = $("progress", progress);
  const progressText = $("[data-progress-text]");
  const submitButton = $("[data-submit]");
  const alertBox = document.querySelector("[data-form-errors]");
  const alertText = document.querySelector("[data-form-errors-text]");
  const defaultAlert = alertText.textContent;
  let sending = false;

  function clearFieldError(name) {
    const control = form.elements[name];
    if (!control || !control.closest) return;
    const container = control.closest(".field");
    container.classList.remove("has-error");
    control.removeAttribute("aria-invalid");
    $$(".error", container).forEach((error) => {
      if (error.dataset.errorFor) error.hidden = true;
      else error.remove();
    });
  }

  function showAlert(text) {
    alertText.textContent = text;
    alertBox.hidden = false;
    alertBox.focus();
  }

  function showFieldError(name, text) {
    const control = form.elements[name];
    if (!control || !control.closest) return;
    const container = control.closest(".field");
    container.classList.add("has-error");
    control.setAttribute("aria-invalid", "true");
    const id = `${control.id}-error`;
    let error = container.querySelector(`#${CSS.escape(id)}`);
    if (!error) {
      error = document.createElement("p");
      error.className = "error";
      error.id = id;
      container.appendChild(error);
    }
    error.textContent = text;
    error.hidden = false;
    const described = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
    if (!described.includes(id)) control.setAttribute("aria-describedby", [...described, id].join(" "));
  }

  function showServerAnswer(html) {
    const page = new DOMParser().parseFromString(html || "", "text/html");
    const answer = page.querySelector("[data-join-form]");
    $$(".has-error").forEach((container) => {
      const control = container.querySelector("input, select, textarea");
      if (control) clearFieldError(control.name);
    });
    if (!answer) {
      // An error page (too large, too many requests, expired form): say what it says.
      const title = page.querySelector("main h1");
      const message = page.querySelector("main h1 + p");
      showAlert([title, message].filter(Boolean).map((node) => node.textContent.trim()).join(" ") || messages.networkError);
      return;
    }
    const token = answer.querySelector('[name="csrf_token"]');
    if (token && form.elements.csrf_token) form.elements.csrf_token.value = token.value;
    answer.querySelectorAll(".field.has-error").forEach((container) => {
      const control = container.querySelector("input, select, textarea");
      const error = container.querySelector(".error");
      if (control && error) showFieldError(control.name, error.textContent.trim());
    });
    showAlert(defaultAlert);
  }

  function finishSending() {
    sending = false;
    progress.hidden = true;
    form.removeAttribute("aria-busy");
    submitButton.disabled = false;
  }

  form.addEventListener("submit", async (event) => {
    if (!window.FormData || !window.XMLHttpRequest) return; // the plain post
    event.preventDefault();
    if (sending) return;
    sending = true;
    await preparing;
    const data = new FormData(form);
    if (chosenFile) data.set("photo", chosenFile, chosenFile.name);
    if (chosenFile && chosenFile.size > maxBytes) {
      sending = false;
      showFieldError("photo", messages.tooLarge);
      showAlert(defaultAlert);
      return;
    }
    form.setAttribute("aria-busy", "true");
    submitButton.disabled = true;
    progress.hidden = false;
    bar.value = 0;
    progressText.textContent = "";

    const request = new XMLHttpRequest();
    request.open("POST", form.action);
    request.setRequestHeader("Accept", "text/html");
    request.upload.addEventListener("progress", (progressEvent) => {
      if (!progressEvent.lengthComputable) return;
      const share = progressEvent.loaded / progressEvent.total;
      bar.value = Math.round(share * 100);
      progressText.textContent = fill(messages.uploading, { percent: percents.format(share) });
    });
    request.upload.addEventListener("load", () => {
      bar.value = 100;
      progressText.textContent = messages.processing;
    });
    request.addEventListener("load", () => {
      const landed = request.responseURL ? new URL(request.responseURL) : null;
      const joinPath = new URL(form.action, window.location.href).pathname;
      if (request.status >= 200 && request.status < 300 && landed && landed.pathname !== joinPath) {
        // Redirected to the new entry's share page: go there as a plain post would have.
        window.location.assign(landed.href);
        return;
      }
      finishSending();
      showServerAnswer(request.responseText);
    });
    request.addEventListener("error", () => {
      finishSending();
      showAlert(messages.networkError);
    });
    request.send(data);
  });

  // A photo the browser kept in the input (back button, reload) gets the same treatment.
  if (input.files && input.files[0]) usePhoto(input.files[0], "file");
})();
