// The search page's own small, accessible interface over Pagefind's JavaScript API (Pagefind's default UI
// labels its input only by a title, which fails axe). Loaded on the search page only; every other page works
// without JavaScript.
//
// A labelled input; filters as checkboxes in fieldsets with legends, built from pagefind.filters(); a live
// region announcing the number of results; results as a list of links with excerpts. The query and the
// chosen filters are kept in the address (?q=drupal&type=Council), so a search can be shared by link.

const FILTERS = [
  ["type", "Type of page"],
  ["nation", "Nation"],
  ["region", "Region"],
  ["capability", "Capability"],
  ["product", "Product"],
];
const PAGE_SIZE = 20;

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const filtersBox = document.getElementById("search-filters");
const statusBox = document.getElementById("search-status");
const resultsList = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");
const siteRoot = new URL(form.dataset.root, document.baseURI);

let pagefind = null;
let latest = 0; // the number of the latest search, so that a slow, older one never overwrites it
let pending = []; // results not yet shown
let shown = 0;
let total = 0;

async function start() {
  form.hidden = false; // usable at once; the index loads while the user types
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  try {
    pagefind = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await pagefind.options({ baseUrl: siteRoot.pathname });
    await pagefind.init();
    buildFilters(await pagefind.filters(), params);
  } catch (error) {
    unavailable();
    return;
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", debounce(search, 300));
  filtersBox.addEventListener("change", search);
  moreButton.addEventListener("click", async () => {
    const before = shown;
    await showMore();
    const next = resultsList.querySelectorAll(".search-result__link")[before];
    if (next) next.focus(); // the button may now be hidden: keep the keyboard user's place
  });
  if (input.value || chosenFilters()) search();
}

function buildFilters(available, params) {
  filtersBox.textContent = "";
  for (const [key, legendText] of FILTERS) {
    const values = Object.keys(available[key] || {}).sort((a, b) => a.localeCompare(b, "en-GB"));
    if (!values.length) continue;
    const fieldset = element("fieldset", { className: "fieldset" });
    fieldset.append(element("legend", { className: "fieldset__legend", textContent: legendText }));
    const list = element("div", { className: "checkboxes" + (values.length > 8 ? " checkboxes--long" : "") });
    const chosen = new Set(params.getAll(key));
    values.forEach((value, index) => {
      const id = `filter-${key}-${index}`;
      const item = element("div", { className: "checkboxes__item" });
      const box = element("input", { className: "checkboxes__input", type: "checkbox", id, name: key, value });
      box.checked = chosen.has(value);
      const label = element("label", { className: "checkboxes__label", htmlFor: id });
      label.append(value, " ", element("span", { className: "hint-inline", textContent: `(${available[key][value]})` }));
      item.append(box, label);
      list.append(item);
    });
    fieldset.append(list);
    filtersBox.append(fieldset);
  }
}

function chosenFilters() {
  const filters = {};
  for (const box of filtersBox.querySelectorAll("input:checked")) {
    (filters[box.name] ||= { any: [] }).any.push(box.value);
  }
  return Object.keys(filters).length ? filters : null;
}

async function search() {
  const number = ++latest;
  const query = input.value.trim();
  const filters = chosenFilters();
  remember(query);
  if (!query && !filters) {
    resultsList.textContent = "";
    moreButton.hidden = true;
    say("");
    return;
  }
  const response = await pagefind.search(query || null, filters ? { filters } : {});
  if (number !== latest || !response) return;
  pending = response.results;
  total = pending.length;
  shown = 0;
  resultsList.textContent = "";
  await showMore();
  if (number !== latest) return;
  const about = query ? ` for “${query}”` : "";
  const narrowed = filters ? " with the filters you chose" : "";
  say(total ? `${total} ${total === 1 ? "result" : "results"}${about}${narrowed}.`
            : `No results${about}${narrowed}. Check the spelling, try fewer words or fewer filters.`);
}

async function showMore() {
  const batch = pending.slice(shown, shown + PAGE_SIZE);
  const number = latest;
  const data = await Promise.all(batch.map((result) => result.data()));
  if (number !== latest) return;
  for (const result of data) resultsList.append(resultItem(result));
  shown += batch.length;
  moreButton.hidden = shown >= total;
  if (shown > PAGE_SIZE) say(`Showing ${shown} of ${total} results.`);
}

function resultItem(result) {
  const item = element("li", { className: "search-result" });
  const heading = element("h3", { className: "search-result__heading" });
  heading.append(element("a", { className: "search-result__link", href: result.url,
                                textContent: (result.meta && result.meta.title) || result.url }));
  const type = result.filters && result.filters.type ? result.filters.type[0] : "";
  item.append(heading);
  if (type) item.append(element("p", { className: "search-result__type", textContent: type }));
  const excerpt = element("p", { className: "search-result__excerpt" });
  excerpt.append(...markedText(result.excerpt || ""));
  item.append(excerpt);
  return item;
}

// Pagefind's excerpt is escaped text with <mark> around the matched words: keep the text and the marks only.
function markedText(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstChild;
  return Array.from(parsed.childNodes, (node) =>
    node.nodeName === "MARK" ? element("mark", { textContent: node.textContent }) : document.createTextNode(node.textContent));
}

// Without its index (a build made with --no-search, or a failed download) search cannot work: say so, and
// point to the lists, as the page does without JavaScript.
function unavailable() {
  form.hidden = true;
  const message = element("div", { className: "inset" });
  const text = element("p", { className: "body", textContent: "Search is not available at the moment. " });
  text.append(element("a", { href: new URL("councils/", siteRoot).href, textContent: "Browse the councils A to Z" }),
              " instead.");
  message.append(text);
  form.after(message);
}

function remember(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const box of filtersBox.querySelectorAll("input:checked")) params.append(box.name, box.value);
  const address = params.toString() ? `?${params}` : location.pathname;
  history.replaceState(null, "", address);
}

function say(text) {
  statusBox.textContent = text;
}

function element(name, properties) {
  return Object.assign(document.createElement(name), properties);
}

function debounce(action, wait) {
  let timer;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(action, wait);
  };
}

start();
