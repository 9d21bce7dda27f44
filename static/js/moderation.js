// Keyboard shortcuts for the review queue. Every action is a plain form and works without this.
document.documentElement.classList.add("has-js");

const rows = () => Array.from(document.querySelectorAll("[data-entry]"));
let current = null;

function select(row, scroll = true) {
  if (!row) return;
  if (current) current.classList.remove("is-current");
  current = row;
  row.classList.add("is-current");
  row.focus({ preventScroll: true });
  if (scroll) row.scrollIntoView({ block: "nearest", behavior: "smooth" });
}

function move(step) {
  const all = rows();
  if (!all.length) return;
  const index = current ? all.indexOf(current) : -1;
  select(all[Math.min(all.length - 1, Math.max(0, index + step))]);
}

function press(key) {
  if (!current) return false;
  const button = current.querySelector(`button[data-key="${key}"]`);
  if (!button) return false;
  if (key === "r") {
    const choice = current.querySelector("[data-reasons]");
    const typed = current.querySelector("[data-reason-text]");
    if (choice && choice.value === "other" && typed && !typed.value.trim()) {
      typed.focus();
      return true;
    }
  }
  button.disabled = false;
  button.form.requestSubmit(button);
  return true;
}

function chooseReason(number) {
  const choice = current && current.querySelector("[data-reasons]");
  if (!choice || number > choice.options.length) return;
  choice.selectedIndex = number - 1;
  choice.classList.add("just-chosen");
}

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const target = event.target;
  if (target.closest("input[type=text], input[type=email], input[type=password], textarea, select")) {
    if (event.key === "Escape") target.blur();
    return;
  }
  const key = event.key;
  let handled = true;
  if (key === "j") move(1);
  else if (key === "k") move(-1);
  else if (key === "x" && current) {
    const pick = current.querySelector("[data-pick]");
    if (pick) pick.checked = !pick.checked;
  } else if (key === "o" && current) {
    const link = current.querySelector("[data-open]");
    if (link) link.click(); else handled = false;
  } else if (/^[1-9]$/.test(key)) chooseReason(Number(key));
  else if (key === "?") {
    const help = document.getElementById("mod-help");
    if (help) help.hidden = !help.hidden;
  } else if ("arufsde".includes(key) && key.length === 1) handled = press(key);
  else handled = false;
  if (handled) event.preventDefault();
});

// Clicking inside a row makes it the current one.
document.addEventListener("click", (event) => {
  const row = event.target.closest("[data-entry]");
  if (row && row !== current) select(row, false);
});

// A double submit (key repeat) must not send the same action twice.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.sent) event.preventDefault();
  form.dataset.sent = "1";
});

const selectAll = document.querySelector("[data-select-all]");
if (selectAll) {
  selectAll.addEventListener("change", () => {
    document.querySelectorAll("[data-pick]").forEach((box) => { box.checked = selectAll.checked; });
  });
}

// After an action the server sends us back to the next entry (#row-<id>): start there.
window.addEventListener("DOMContentLoaded", () => {
  const fromHash = location.hash.startsWith("#row-") && document.getElementById(location.hash.slice(1));
  select(fromHash || rows()[0], Boolean(fromHash));
});
