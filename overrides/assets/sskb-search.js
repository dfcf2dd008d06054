// The search page: Pagefind's interface with its filters, started from ?q= when the
// header's search box sent the reader here.
window.addEventListener("DOMContentLoaded", function () {
  var ui = new PagefindUI({
    element: "#sskb-search",
    showSubResults: true,
    showImages: false,
    resetStyles: false,
    openFilters: [],
  });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    ui.triggerSearch(query);
  }
});
