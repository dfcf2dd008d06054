// The search page: Pagefind's interface with its filters, started from the address
// (?q=words&Pays=Sénégal...) and keeping the address in step with the query and the
// filters chosen, so that a search can be bookmarked and shared. On a phone the filters
// fold behind a "Filters (n)" button, so that the results come first.
window.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("sskb-search");
  var params = new URLSearchParams(window.location.search);
  var ui = new PagefindUI({
    element: "#sskb-search",
    showSubResults: false,   // a result's first sub-result repeated its own title
    showImages: false,
    noWorker: true,          // a small index: its worker (12 KB) would cost more than it saves
    showEmptyFilters: false, // no option without results, unless it is chosen
    resetStyles: false,
    openFilters: [],
    translations: { zero_results: root.dataset.zeroResults },
  });
  var chosen = {};
  params.forEach(function (value, key) {
    if (key !== "q") (chosen[key] = chosen[key] || []).push(value);
  });
  if (Object.keys(chosen).length) ui.triggerFilters(chosen);
  if (params.get("q")) ui.triggerSearch(params.get("q"));

  var toggle = document.createElement("button");
  toggle.type = "button";
  toggle.className = "sskb-filters-toggle md-button";
  toggle.setAttribute("aria-expanded", "false");
  // Shown once there are results, between the search box and them (the interface draws
  // its results area, the drawer, after a first search).
  toggle.hidden = true;
  root.before(toggle);
  new MutationObserver(function () {
    // The interface's box has a title but no label (axe: label-title-only).
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input && !input.hasAttribute("aria-label")) {
      input.setAttribute("aria-label", input.getAttribute("title") || "");
    }
    var drawer = root.querySelector(".pagefind-ui__drawer");
    toggle.hidden = !drawer;
    if (drawer && drawer.previousElementSibling !== toggle) drawer.before(toggle);
  }).observe(root, { childList: true, subtree: true });
  toggle.addEventListener("click", function () {
    var open = root.classList.toggle("sskb-filters-open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  });

  function checked() {
    return root.querySelectorAll(".pagefind-ui__filter-checkbox:checked");
  }
  function label() {
    var count = checked().length;
    toggle.textContent = root.dataset.filtersLabel + (count ? " (" + count + ")" : "");
  }
  function remember() {
    var next = new URLSearchParams();
    var input = root.querySelector(".pagefind-ui__search-input");
    if (input && input.value) next.set("q", input.value);
    checked().forEach(function (box) { next.append(box.name, box.value); });
    var search = next.toString();
    history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    label();
  }
  root.addEventListener("change", remember);
  root.addEventListener("input", remember);
  label();
});
