// The search page, on Pagefind's own search library (pagefind.js) with a small interface
// of its own: Pagefind's ready-made interface was a fifth of a first search's download.
// Filters beside the results (behind a "Filters (n)" button on a phone), counts that
// follow the search, no option without results unless chosen, and the words and the
// chosen filters kept in the address (?q=words&Pays=Sénégal), so that a search can be
// bookmarked and shared. The page's strings come in its data-strings attribute.
(function () {
  "use strict";
  var PAGE = 5;  // results shown at a time
  // pagefind.js is in the language's pagefind/ folder, beside this script's assets/.
  var LIBRARY = new URL("../pagefind/pagefind.js", document.currentScript.src).href;
  var EXCERPT = 24;  // words
  // The filter of each part's vocabulary page (search_vocabulary.VOCABULARY).
  var VOCABULARY = "sskb-vocabulary";

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  window.addEventListener("DOMContentLoaded", async function () {
    var root = document.getElementById("sskb-search");
    var strings = JSON.parse(root.dataset.strings);
    var pagefind = await import(LIBRARY);
    // A small index: Pagefind's web worker (12 KB) would cost more than it saves.
    await pagefind.options({ noWorker: true, excerptLength: EXCERPT });
    await pagefind.init();
    // A large language's index is built in parts (data-parts): the others are merged in,
    // and each search then runs on every part, its results ranked together. Each part
    // holds a page of the words only the others hold (so that it does not answer a word
    // it lacks with pages that hold a shorter word that begins it), which every search
    // leaves out. (mergeIndex refuses noWorker.)
    var parts = Number(root.dataset.parts || 1);
    for (var part = 1; part < parts; part++) {
      await pagefind.mergeIndex(new URL("part-" + part + "/", LIBRARY).href,
                                { excerptLength: EXCERPT });
    }
    var notVocabulary = {};
    notVocabulary[VOCABULARY] = "1";

    var form = element("form", "pagefind-ui__form");
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var input = element("input", "pagefind-ui__search-input");
    input.type = "search";
    input.placeholder = strings.placeholder;
    input.setAttribute("aria-label", strings.placeholder);
    var clear = element("button", "pagefind-ui__search-clear", strings.clear);
    clear.type = "button";
    var toggle = element("button", "sskb-filters-toggle md-button");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    var drawer = element("div", "pagefind-ui__drawer");
    var panel = element("fieldset", "pagefind-ui__filter-panel");
    panel.appendChild(element("legend", "pagefind-ui__filter-panel-label", strings.filters));
    var area = element("div", "pagefind-ui__results-area");
    var message = element("p", "pagefind-ui__message");
    message.setAttribute("role", "status");
    var list = element("ol", "pagefind-ui__results");
    var more = element("button", "pagefind-ui__button", strings.more);
    more.type = "button";
    area.append(message, list, more);
    drawer.append(panel, area);
    form.append(input, clear, toggle, drawer);
    root.appendChild(form);

    // Every filter and value the index holds, drawn once: a search changes their counts
    // and hides the empty ones, so that focus and open groups stay where they are.
    var boxes = [];
    var all = await pagefind.filters();
    Object.keys(all).sort().forEach(function (name) {
      if (name === VOCABULARY) return;
      var block = element("details", "pagefind-ui__filter-block");
      block.appendChild(element("summary", "pagefind-ui__filter-name", name));
      var group = element("fieldset", "pagefind-ui__filter-group");
      group.appendChild(element("legend", "pagefind-ui__filter-group-label", name));
      Object.keys(all[name]).sort().forEach(function (value) {
        var row = element("div", "pagefind-ui__filter-value");
        var box = element("input", "pagefind-ui__filter-checkbox");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.id = "sskb-filter-" + boxes.length;
        var label = element("label", "pagefind-ui__filter-label");
        label.htmlFor = box.id;
        row.append(box, label);
        group.appendChild(row);
        boxes.push({ box: box, label: label, row: row, block: block });
      });
      block.appendChild(group);
      panel.appendChild(block);
    });

    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    boxes.forEach(function (item) {
      item.box.checked = params.getAll(item.box.name).indexOf(item.box.value) >= 0;
    });

    var results = [], shown = 0, running = 0;

    function chosen() {
      var filters = {};
      boxes.forEach(function (item) {
        if (item.box.checked) {
          (filters[item.box.name] = filters[item.box.name] || { any: [] }).any.push(
            item.box.value);
        }
      });
      return filters;
    }

    function remember() {
      var next = new URLSearchParams();
      if (input.value) next.set("q", input.value);
      boxes.forEach(function (item) {
        if (item.box.checked) next.append(item.box.name, item.box.value);
      });
      var search = next.toString();
      history.replaceState(null, "", search ? "?" + search : window.location.pathname);
      var count = boxes.filter(function (item) { return item.box.checked; }).length;
      toggle.textContent = strings.filters + (count ? " (" + count + ")" : "");
    }

    function counts(available) {
      var groups = new Set();  // those with an option still shown
      boxes.forEach(function (item) {
        var n = (available[item.box.name] || {})[item.box.value] || 0;
        item.label.textContent = item.box.value + " (" + n + ")";
        item.row.hidden = n === 0 && !item.box.checked;
        if (!item.row.hidden) groups.add(item.block);
      });
      boxes.forEach(function (item) { item.block.hidden = !groups.has(item.block); });
    }

    // The next results, unless a later search has begun meanwhile (its own replace them).
    async function showMore() {
      var ticket = running;
      var page = results.slice(shown, shown + PAGE);
      shown += page.length;
      var data = await Promise.all(page.map(function (result) { return result.data(); }));
      if (ticket !== running) return false;
      data.forEach(function (found) {
        var item = element("li", "pagefind-ui__result");
        var title = element("p", "pagefind-ui__result-title");
        var link = element("a", "pagefind-ui__result-link", found.meta.title);
        link.href = found.url;
        title.appendChild(link);
        var excerpt = element("p", "pagefind-ui__result-excerpt");
        excerpt.innerHTML = found.excerpt;  // Pagefind's escaped text, with <mark>s
        item.append(title, excerpt);
        list.appendChild(item);
      });
      more.hidden = shown >= results.length;
      return true;
    }

    async function run() {
      var ticket = ++running;
      remember();
      var query = input.value.trim();
      var filters = chosen();
      if (!query && !Object.keys(filters).length) {
        drawer.hidden = true;
        toggle.hidden = true;
        return;
      }
      if (parts > 1) filters.not = notVocabulary;
      var search = await pagefind.search(query || null, { filters: filters });
      if (ticket !== running) return;  // a later search has begun
      drawer.hidden = false;
      toggle.hidden = false;
      counts(search.filters);
      results = search.results;
      shown = 0;
      list.textContent = "";
      // The message last, once the results it counts are shown (it is a live region).
      if (!(await showMore())) return;
      message.textContent = !results.length ? strings.zero.replace("[SEARCH_TERM]", query)
        : fill(query ? strings.count : strings.count_all,
               { count: results.length, query: query });
    }

    var timer;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    });
    clear.addEventListener("click", function () {
      input.value = "";
      input.focus();
      run();
    });
    panel.addEventListener("change", run);
    more.addEventListener("click", showMore);
    toggle.addEventListener("click", function () {
      var open = root.classList.toggle("sskb-filters-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
    run();
  });
})();
