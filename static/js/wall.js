// "Load more" on the wall: fetches the next cards as an HTML fragment and appends them.
// Without JavaScript the same link goes to the next page, and filters submit as a plain form.
const grid = document.getElementById("wall-grid");
const status = document.getElementById("wall-status");

// Empty filter fields would clutter a URL meant to be shared: leave them out.
const form = document.querySelector(".wall-filters");
if (form) {
  form.addEventListener("submit", () => {
    for (const field of form.elements) {
      if (field.name && !field.value) field.disabled = true;
    }
  });
}

const link = document.querySelector("[data-load-more]");
if (grid && link) setUpLoadMore(link);

function setUpLoadMore(link) {
  link.textContent = link.dataset.label;

  link.addEventListener("click", async (event) => {
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    link.setAttribute("aria-busy", "true");
    link.textContent = link.dataset.loading;
    try {
      const response = await fetch(link.dataset.loadMore, { headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(String(response.status));
      const slice = new DOMParser()
        .parseFromString(await response.text(), "text/html")
        .querySelector(".wall-grid");
      const items = [...slice.children];
      grid.append(...items);
      if (status) status.textContent = `+${items.length}`;
      const first = items[0] && items[0].querySelector("a");
      if (first) first.focus({ preventScroll: true });
      if (slice.dataset.next) {
        link.dataset.loadMore = slice.dataset.next;
        link.href = slice.dataset.nextPage;
        link.textContent = link.dataset.label;
      } else {
        link.remove();
      }
    } catch {
      link.textContent = link.dataset.failed;
    } finally {
      link.removeAttribute("aria-busy");
    }
  });
}
