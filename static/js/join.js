// The join page, enhanced: take a photo with the camera or choose a file, see the card as it
// will look and frame the photo, watch the statement wrap with a counter that counts like the
// server, and send a downscaled photo with a progress bar. Without this script (or in a
// browser without modules, or without a camera) the plain form does the same job; the server
// checks everything either way. Loaded as a module: static/js/join/*.js hold the parts.
import { setUpCamera } from "./join/camera.js";
import { downscaled } from "./join/photo.js";
import { setUpPreview } from "./join/preview.js";
import { setUpScriptHint } from "./join/script-hint.js";
import { fill, serverLength } from "./join/text.js";
import { fieldErrors, keepErrorsTrue } from "./join/errors.js";
import { photoProblem } from "./join/photo-checks.js";
import { setUpUpload } from "./join/upload.js";

const form = document.querySelector("[data-join-form]");
if (form) enhance(form);

function enhance(form) {
  const $ = (selector) => form.querySelector(selector);
  const messages = (document.getElementById("join-messages") || {}).dataset || {};
  const locale = document.documentElement.lang || "en";
  const numbers = new Intl.NumberFormat(locale);
  const input = form.querySelector('input[type="file"][name="photo"]');
  const photoField = $('[data-field="photo"]');
  const actions = $("[data-photo-actions]");
  const chooseButton = $('[data-action="file-choose"]');
  const status = $("[data-photo-status]");
  const errors = fieldErrors(form);
  const photoChecks = JSON.parse(messages.photoChecks || "{}");
  const maxBytes = Number(form.dataset.maxBytes) || Infinity;
  let chosenFile = null; // what will be sent: the file, the capture, or their downscale
  let photoRefusal = null; // what the server would say of the chosen photo, if anything
  let preparing = Promise.resolve();

  const setStatus = (text, warning = false) => {
    status.textContent = text;
    status.classList.toggle("is-warning", warning);
  };
  const formatSize = (bytes) =>
    bytes >= 1048576
      ? fill(messages.mb, { size: new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1048576) })
      : fill(messages.kb, { size: numbers.format(Math.max(1, Math.round(bytes / 1024))) });

  // The statement counter: code points after the server's clean-up.
  const statement = form.elements.statement;
  const counter = $("[data-counter]");
  const announcer = $("[data-counter-announce]");
  const statementMax = Number(form.dataset.statementMax) || 280;
  let counterState = "ok";
  counter.id = "statement-counter";
  counter.hidden = false;
  // maxlength counts UTF-16 units, so it would cut a statement with emoji short of what the
  // server accepts; the counter takes over.
  statement.removeAttribute("maxlength");
  statement.setAttribute("aria-describedby", `${statement.getAttribute("aria-describedby") || ""} ${counter.id}`.trim());

  function updateCounter() {
    const count = serverLength(statement.value);
    const left = statementMax - count;
    counter.textContent = fill(messages.count, { count: numbers.format(count), max: numbers.format(statementMax) });
    counter.classList.toggle("is-near", left >= 0 && left <= 20);
    counter.classList.toggle("is-over", left < 0);
    // Announce only when crossing a threshold, not on every keystroke.
    const state = left < 0 ? "over" : left <= 10 ? "10" : left <= 20 ? "20" : "ok";
    if (state === counterState) return;
    counterState = state;
    if (state === "over") announcer.textContent = fill(messages.over, { count: numbers.format(-left) });
    else if (state !== "ok") announcer.textContent = fill(messages.left, { count: numbers.format(left) });
    else announcer.textContent = "";
  }

  const preview = setUpPreview(form, {
    languages: JSON.parse(form.dataset.languages || "{}"),
    onTexts: updateCounter,
    messages,
    locale,
  });
  setUpScriptHint(form, { languages: JSON.parse(form.dataset.languages || "{}"), messages });

  function setInputFile(file) {
    try {
      const transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files; // so even a plain form post sends the prepared photo
    } catch {
      // Older browsers: the upload sends chosenFile itself.
    }
  }

  // Said now, in the server's words, rather than after the upload; the photo is not sent.
  function refusePhoto(message) {
    photoRefusal = message;
    chosenFile = null;
    input.value = ""; // the same file chosen again is a change too
    setStatus("");
    form.querySelector("[data-preview]").hidden = true;
    errors.show("photo", message);
  }

  function usePhoto(file, source) {
    preparing = (async () => {
      errors.clear("photo");
      photoRefusal = null;
      const problem = await photoProblem(file, photoChecks).catch(() => null);
      if (problem) return refusePhoto(problem);
      const smaller = await downscaled(file);
      if ((smaller || file).size > maxBytes) return refusePhoto(messages.tooLarge);
      chosenFile = smaller || file;
      if (smaller || source === "camera") setInputFile(chosenFile);
      const size = formatSize(chosenFile.size);
      if (source === "camera") setStatus(`${messages.taken} ${fill(messages.ready, { size })}`);
      else setStatus(fill(smaller ? messages.resized : messages.ready, { size }));
      preview.showPhoto(chosenFile, () => setStatus(messages.noPreview, true));
    })();
    return preparing;
  }

  // The two buttons stand in for the native input, which stays in the form.
  photoField.classList.add("js-photo");
  actions.hidden = false;
  const label = photoField.querySelector("label");
  label.id = label.id || "photo-label";
  actions.setAttribute("role", "group");
  actions.setAttribute("aria-labelledby", `${label.id} photo-hint`);
  input.tabIndex = -1;
  if (setUpCamera(form, { messages, setStatus, onPhoto: (file) => usePhoto(file, "camera") })) {
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

  const watched = keepErrorsTrue(form, errors, { statementMax });
  setUpUpload(form, {
    messages,
    locale,
    chosenFile: () => chosenFile,
    ready: () => preparing,
    errors,
    photoProblem: () => photoRefusal,
    answered: () => watched.remember(),
  });
  preview.update();
  // A photo the browser kept in the input (back button, reload) gets the same treatment.
  if (input.files && input.files[0]) usePhoto(input.files[0], "file");
}
