// The statement's language is preselected from the site's language. When the statement is
// clearly written in another of the campaign's scripts (Arabic letters, Chinese characters),
// offer to switch, so the card carries the right prompt and hashtag. Latin-script languages
// cannot be told apart this way, so no guess is made between English, French and Spanish.
const SCRIPTS = [
  { code: "ar", pattern: /\p{Script=Arabic}/gu },
  { code: "zh", pattern: /\p{Script=Han}/gu },
];
const LETTER = /\p{L}/gu;

export function likelyLanguage(text) {
  const letters = (text.match(LETTER) || []).length;
  for (const { code, pattern } of SCRIPTS) {
    const count = (text.match(pattern) || []).length;
    if (count >= 3 && count * 2 > letters) return code;
  }
  return null;
}

export function setUpScriptHint(form, { languages, messages }) {
  const hint = form.querySelector("[data-script-hint]");
  const text = hint && hint.querySelector("[data-script-hint-text]");
  const button = hint && hint.querySelector("[data-script-hint-switch]");
  if (!hint || !text || !button) return;
  const select = form.elements.language;
  const statement = form.elements.statement;
  let suggested = null;

  function update() {
    const likely = likelyLanguage(statement.value);
    suggested = likely && likely !== select.value && languages[likely] ? likely : null;
    hint.hidden = !suggested;
    if (!suggested) return;
    const name = select.querySelector(`option[value="${suggested}"]`).textContent;
    text.textContent = messages.scriptSuggest.replace("{language}", name);
    button.textContent = messages.scriptSwitch.replace("{language}", name);
    button.lang = suggested;
  }

  button.addEventListener("click", () => {
    if (!suggested) return;
    select.value = suggested;
    select.dispatchEvent(new Event("change", { bubbles: true }));
    select.focus();
  });
  statement.addEventListener("input", update);
  select.addEventListener("change", update);
  update();
}
