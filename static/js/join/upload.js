// Sending the form with a progress bar, and showing the server's answer in place. Without
// FormData or XMLHttpRequest the form posts the ordinary way.
import { fill } from "./text.js";

/** Send the form through XMLHttpRequest; chosenFile() is the photo to send (or null). */
export function setUpUpload(form, { messages, locale, chosenFile, ready, errors, photoProblem, answered }) {
  if (!window.FormData || !window.XMLHttpRequest) return;
  const $ = (selector) => form.querySelector(selector);
  const progress = $("[data-progress]");
  const bar = progress.querySelector("progress");
  const progressText = $("[data-progress-text]");
  const submitButton = $("[data-submit]");
  const alertBox = document.querySelector("[data-form-errors]");
  const alertText = document.querySelector("[data-form-errors-text]");
  const defaultAlert = alertText.textContent;
  const percents = new Intl.NumberFormat(locale, { style: "percent" });
  const maxBytes = Number(form.dataset.maxBytes) || Infinity;
  let sending = false;

  // about: "fields" when the banner only sends the person to the highlighted fields, so it
  // goes with the last of their errors; anything else stays until the next try.
  function showAlert(text, about = "fields") {
    alertText.textContent = text;
    alertBox.dataset.about = about;
    alertBox.hidden = false;
    alertBox.focus();
  }

  function showServerAnswer(html) {
    const page = new DOMParser().parseFromString(html || "", "text/html");
    const answer = page.querySelector("[data-join-form]");
    form.querySelectorAll(".has-error").forEach((container) => {
      const control = container.querySelector("input, select, textarea");
      if (control) errors.clear(control.name);
    });
    if (!answer) {
      // An error page (too large, too many requests, expired form): say what it says.
      const title = page.querySelector("main h1");
      const message = page.querySelector("main h1 + p");
      const said = [title, message].filter(Boolean).map((node) => node.textContent.trim()).join(" ");
      showAlert(said || messages.networkError, "page");
      return;
    }
    const token = answer.querySelector('[name="csrf_token"]');
    if (token && form.elements.csrf_token) form.elements.csrf_token.value = token.value;
    answer.querySelectorAll(".field.has-error").forEach((container) => {
      const control = container.querySelector("input, select, textarea");
      const error = container.querySelector(".error");
      if (control && error) errors.show(control.name, error.textContent.trim());
    });
    // The server's own words: which fields to check, or why nothing was stored (a 503).
    const said = page.querySelector("[data-form-errors-text]");
    const banner = page.querySelector("[data-form-errors]");
    showAlert((said && said.textContent.trim()) || defaultAlert, (banner && banner.dataset.about) || "fields");
    answered();
  }

  function finish() {
    sending = false;
    progress.hidden = true;
    form.removeAttribute("aria-busy");
    submitButton.disabled = false;
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (sending) return;
    sending = true;
    await ready();
    const problem = photoProblem();
    if (problem) {
      // The server would refuse it in these very words: the photo is not sent.
      sending = false;
      errors.show("photo", problem);
      showAlert(defaultAlert);
      return;
    }
    const data = new FormData(form);
    // FormData leaves out the button that sent the form; this one also confirms the age.
    if (submitButton.name && !data.has(submitButton.name)) data.append(submitButton.name, submitButton.value);
    const file = chosenFile();
    if (file) data.set("photo", file, file.name);
    if (file && file.size > maxBytes) {
      sending = false;
      errors.show("photo", messages.tooLarge);
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
      finish();
      showServerAnswer(request.responseText);
    });
    request.addEventListener("error", () => {
      finish();
      showAlert(messages.networkError, "network");
    });
    request.send(data);
  });
}
