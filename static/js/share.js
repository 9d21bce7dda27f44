// "Share…" through the Web Share API: the card image as a file where the browser can share
// files, else the page link once it is public. Without either, the button stays hidden and
// the share links below do the work. On its owner's phone it is the one primary action; on a
// desktop (whose share sheet is little used) and on a visitor's page it follows the networks.
const button = document.querySelector(".share-native");
if (button && typeof navigator.share === "function") enhance(button);

function enhance(button) {
  const status = document.querySelector(".share-status");
  const data = button.dataset;
  let file = null;

  const canShareFiles = (files) =>
    typeof navigator.canShare === "function" && navigator.canShare({ files });

  // Fetch the card before the click: share() must run while the tap still counts as one.
  async function prepareFile() {
    if (typeof navigator.canShare !== "function" || typeof File !== "function") return;
    try {
      const response = await fetch(data.shareFile, { credentials: "same-origin" });
      if (!response.ok) return;
      const blob = await response.blob();
      const candidate = new File([blob], data.shareFilename, { type: blob.type || "image/jpeg" });
      if (canShareFiles([candidate])) file = candidate;
    } catch (error) {
      file = null;
    }
  }

  function payload() {
    if (file) {
      // Text travels with the file: most apps put it in the caption.
      return { files: [file], title: data.shareTitle, text: data.shareText };
    }
    if (data.shareUrl) return { url: data.shareUrl, title: data.shareTitle, text: data.shareText };
    return null;
  }

  button.addEventListener("click", async () => {
    const shared = payload();
    if (!shared) return;
    try {
      await navigator.share(shared);
    } catch (error) {
      // AbortError: the person closed the share sheet; nothing to say.
      if (error && error.name !== "AbortError" && status) status.textContent = data.shareFailed;
    }
  });

  prepareFile().then(() => {
    if (!payload()) return;
    const actions = button.closest(".share-actions");
    const phone = window.matchMedia("(pointer: coarse), (max-width: 40rem)").matches;
    const lead = phone && actions?.hasAttribute("data-lead");
    button.classList.toggle("button-primary", lead);
    actions?.classList.add(lead ? "native-first" : "native-last");
    button.hidden = false;
  });
}
