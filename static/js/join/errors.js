// Errors that stay true: a field's error goes once the field holds what the server would take
// (as far as the page can tell: filled in, short enough, ticked, chosen), comes back if the
// refused value does, and the banner goes with the last error. The page never makes up an
// error of its own here; the server's words are the ones shown.
import { serverLength } from "./text.js";

const CONTROLS = "input:not([type=hidden]), select, textarea";

/** Show and clear the per-field messages as the server's templates write them; the banner
    "check the highlighted fields" hides once no field has an error left. */
export function fieldErrors(form) {
  const banner = document.querySelector("[data-form-errors]");

  function settle() {
    if (banner && !banner.hidden && banner.dataset.about === "fields" && !form.querySelector(".has-error")) {
      banner.hidden = true;
    }
  }

  function clear(name) {
    const control = form.elements[name];
    const container = control && control.closest && control.closest(".field");
    if (!container) return;
    container.classList.remove("has-error");
    control.removeAttribute("aria-invalid");
    container.querySelectorAll(".error").forEach((error) => {
      if (error.dataset.errorFor) error.hidden = true;
      else error.remove();
    });
    settle();
  }

  function show(name, text) {
    const control = form.elements[name];
    const container = control && control.closest && control.closest(".field");
    if (!container) return;
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

  return { clear, show };
}

/** Watch the fields the server refused; remember() again after each answer of the server. */
export function keepErrorsTrue(form, errors, { statementMax }) {
  const refused = new Map(); // field name -> { value, text }
  const valueOf = (control) => (control.type === "checkbox" ? control.checked : control.value);

  function acceptable(control) {
    if (control.type === "checkbox") return control.checked;
    if (control.tagName === "SELECT") return control.value !== "";
    const length = serverLength(control.value);
    const max = control.name === "statement" ? statementMax : control.maxLength > 0 ? control.maxLength : Infinity;
    return length > 0 && length <= max;
  }

  function remember() {
    refused.clear();
    form.querySelectorAll(".field.has-error").forEach((container) => {
      const control = container.querySelector(CONTROLS);
      const error = container.querySelector(".error:not([hidden])");
      // The photo's error goes when another photo is chosen (static/js/join.js).
      if (!control || !control.name || control.type === "file" || !error) return;
      refused.set(control.name, { value: valueOf(control), text: error.textContent.trim() });
    });
  }

  function check(event) {
    const control = event.target;
    const was = refused.get(control.name);
    if (!was) return;
    if (valueOf(control) === was.value) errors.show(control.name, was.text);
    else if (acceptable(control)) errors.clear(control.name);
  }

  form.addEventListener("input", check);
  form.addEventListener("change", check);
  remember();
  return { remember };
}
