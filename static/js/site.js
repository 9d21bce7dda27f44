// Small progressive enhancements; every page works without them.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const source = document.querySelector(button.dataset.copy);
  if (!source) return;
  const original = button.textContent;
  try {
    await navigator.clipboard.writeText(source.value);
  } catch {
    source.select();
    document.execCommand("copy");
  }
  button.textContent = button.dataset.copied || original;
  setTimeout(() => { button.textContent = original; }, 2000);
});

// Where the browser cannot size a field to its content (CSS field-sizing), a text to copy
// grows to show all of itself, as it does in the style sheet.
if (!CSS.supports("field-sizing", "content")) {
  const fitTextsToCopy = () => {
    for (const area of document.querySelectorAll(".copy-text textarea[readonly]")) {
      area.style.height = "auto";
      area.style.height = `${area.scrollHeight + area.offsetHeight - area.clientHeight}px`;
    }
  };
  fitTextsToCopy();
  addEventListener("resize", fitTextsToCopy);
}
