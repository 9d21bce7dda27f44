// City suggestions from the learning-cities directory, as a WAI-ARIA combobox
// (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/: list autocomplete, manual selection).
// Without this script the city stays a plain text input and any city can be typed.
// The page names the suggestions URL on the script element that loads this module.
const source = document.querySelector("script[data-suggest-url]");
const suggestUrl = source && source.dataset.suggestUrl;
const DELAY = 120;
let counter = 0;

/** A city's name for comparison, as the directory compares them (campaign/cities/directory.py
    name_key): case and accents ignored, punctuation as spaces. */
const nameKey = (name) =>
  name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

function setup(input) {
  counter += 1;
  const listId = `city-suggestions-${counter}`;
  const form = input.form;
  const countryName = input.dataset.countryField;
  const country = countryName && form ? form.elements.namedItem(countryName) : null;

  const wrapper = document.createElement("div");
  wrapper.className = "combobox";
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);

  const list = document.createElement("ul");
  list.id = listId;
  list.className = "combobox-list";
  list.setAttribute("role", "listbox");
  list.hidden = true;
  const label = input.labels && input.labels[0];
  if (label) {
    if (!label.id) label.id = `${listId}-label`;
    list.setAttribute("aria-labelledby", label.id);
  }
  wrapper.appendChild(list);

  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  wrapper.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");

  let cities = [];
  let active = -1;
  let timer = null;
  let pending = null;

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", String(i === index)));
    active = index;
    if (index >= 0 && options[index]) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(message) {
    list.replaceChildren();
    cities.forEach((city, index) => {
      const option = document.createElement("li");
      option.id = `${listId}-${index}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.index = String(index);
      const name = document.createElement("span");
      name.className = "combobox-name";
      name.textContent = city.name;
      const where = document.createElement("span");
      where.className = "combobox-country";
      where.textContent = city.region ? `${city.region}, ${city.country}` : city.country;
      option.append(name, " ", where);
      list.appendChild(option);
    });
    const open = cities.length > 0;
    list.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
    active = -1;
    input.removeAttribute("aria-activedescendant");
    status.textContent = message || "";
  }

  // The country follows a directory city, so nobody chooses it twice; a country the person
  // chose themselves is never overwritten, and an unknown city leaves the field to them.
  let settingCountry = false;
  function setCountry(code) {
    if (!country) return;
    const known = Array.from(country.options || []).some((o) => o.value === code);
    if (!known) return;
    country.dataset.derived = "true";
    if (country.value === code) return;
    country.value = code;
    settingCountry = true;
    country.dispatchEvent(new Event("change", { bubbles: true }));
    settingCountry = false;
  }

  if (country) {
    country.addEventListener("change", () => {
      if (!settingCountry) delete country.dataset.derived;
    });
  }

  // A city typed in full, matching exactly one directory country, counts as picked.
  function deriveCountry(query) {
    if (!country || (country.value && country.dataset.derived !== "true")) return;
    const exact = cities.filter((city) => nameKey(city.name) === nameKey(query));
    const codes = new Set(exact.map((city) => city.country_code));
    if (codes.size === 1) setCountry([...codes][0]);
  }

  function choose(index) {
    const city = cities[index];
    if (!city) return;
    input.value = city.name;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    setCountry(city.country_code);
    cities = [];
    close();
    status.textContent = city.label;
  }

  async function fetchSuggestions(query) {
    if (pending) pending.abort();
    pending = new AbortController();
    try {
      const url = `${suggestUrl}?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, {
        signal: pending.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const data = await response.json();
      if (input.value.trim() !== query) return; // typed on since
      cities = data.cities || [];
      render(data.message);
      deriveCountry(query);
    } catch (error) {
      if (error.name !== "AbortError") close(); // offline: the field stays plain text
    }
  }

  input.addEventListener("input", (event) => {
    if (!event.isTrusted) return; // our own echo after choosing
    clearTimeout(timer);
    const query = input.value.trim();
    if (!query) {
      cities = [];
      close();
      return;
    }
    timer = setTimeout(() => fetchSuggestions(query), DELAY);
  });

  input.addEventListener("keydown", (event) => {
    const open = !list.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open && cities.length) render();
        else if (open) highlight(active + 1 >= cities.length ? 0 : active + 1);
        break;
      case "ArrowUp":
        event.preventDefault();
        if (open) highlight(active <= 0 ? cities.length - 1 : active - 1);
        break;
      case "Enter":
        if (open && active >= 0) {
          event.preventDefault(); // choose the city rather than send the form
          choose(active);
        }
        break;
      case "Escape":
        if (open) {
          event.preventDefault();
          close();
        }
        break;
      case "Tab":
        close();
        break;
      default:
        break;
    }
  });

  // Keep the focus in the input while an option is clicked, then take the option.
  list.addEventListener("mousedown", (event) => event.preventDefault());
  list.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) {
      choose(Number(option.dataset.index));
      input.focus();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 0));
}

// Modules run once the document is parsed, so the inputs are all there.
const inputs = document.querySelectorAll("input[data-city-autocomplete]");
if (inputs.length && suggestUrl && window.fetch) inputs.forEach(setup);
