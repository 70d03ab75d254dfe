// The search page's own small, accessible interface over Pagefind's JavaScript API (Pagefind's default UI
// labels its input only by a title, which fails axe). Loaded on the search page only; every other page works
// without JavaScript.
//
// A labelled input; the results first, then the filters as checkboxes in fieldsets with legends (listed in the
// page by the build, each value with its number of pages), in a disclosure closed on small screens; a live
// region announcing the number of results; results as a list of links with excerpts; when nothing is found, what to try. The query and the chosen filters
// are kept in the address (?q=drupal&type=Council), so a search can be shared by link.
//
// The page is laid out before this script runs (the form is shown from the first paint, the results area keeps
// its room), so nothing on screen moves as the index loads and results arrive.

const PAGE_SIZE = 20;
const MORE_NAMES = 4; // at most this many other searches for the other names in one query

const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const disclosure = document.getElementById("search-filters");
const filtersBox = document.getElementById("search-filter-list");
const statusBox = document.getElementById("search-status");
const resultsList = document.getElementById("search-results");
const moreButton = document.getElementById("search-more");
const noneBox = document.getElementById("search-none");
const clearItem = document.getElementById("search-none-filters");
const siteRoot = new URL(form.dataset.root, document.baseURI);
const otherNames = readOtherNames(JSON.parse(form.dataset.synonyms || "{}"));
// Where the stylesheet puts the filters beside the results rather than below them.
const largeScreen = matchMedia("(min-width: 40.0625em)");

let latest = 0; // the number of the latest search, so that a slow, older one never overwrites it
let pending = []; // results not yet shown
let shown = 0;
let total = 0;

const pagefind = loadIndex(); // a promise: Pagefind's API, or null when the index cannot be loaded

async function loadIndex() {
  try {
    const api = await import(new URL("pagefind/pagefind.js", siteRoot).href);
    await api.options({ baseUrl: siteRoot.pathname });
    await api.init();
    return api;
  } catch (error) {
    return null;
  }
}

async function start() {
  // Open in the HTML, so a large screen shows the filters from the first paint; closed here on a small one,
  // where they sit below the results, out of sight, so closing them moves nothing on screen.
  if (!largeScreen.matches) disclosure.open = false;
  const params = new URLSearchParams(location.search);
  if (!input.value) input.value = params.get("q") || ""; // keep what someone typed while the page loaded
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  input.addEventListener("input", debounce(search, 300));
  filtersBox.addEventListener("change", search);
  form.querySelector(".search__to-filters a").addEventListener("click", () => { disclosure.open = true; });
  document.getElementById("search-clear").addEventListener("click", () => {
    for (const box of filtersBox.querySelectorAll("input:checked")) box.checked = false;
    input.focus(); // the button goes away with the empty result it belongs to
    search();
  });
  moreButton.addEventListener("click", async () => {
    const before = shown;
    await showMore(latest);
    const next = resultsList.querySelectorAll(".search-result__link")[before];
    if (next) next.focus(); // the button may now be hidden: keep the keyboard user's place
  });
  chooseFilters(params);
  const api = await pagefind;
  if (!api) {
    unavailable();
    return;
  }
  if (input.value || chosenFilters()) search();
}

// The filters a shared link names, chosen; the others as the browser left them (it keeps boxes ticked on going back).
function chooseFilters(params) {
  if (![...params.keys()].some((key) => key !== "q")) return;
  for (const box of filtersBox.querySelectorAll("input")) box.checked = params.getAll(box.name).includes(box.value);
  disclosure.open = true; // a shared link with filters shows them
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
  const api = await pagefind;
  if (!api || number !== latest) return;
  if (!query && !filters) {
    await show(number, []);
    say("");
    return;
  }
  const meanings = query ? alsoMeant(query) : [];
  const queries = [query || null, ...meanings.map((meaning) => meaning.query)];
  const responses = await Promise.all(queries.map((text) => api.search(text, filters ? { filters } : {})));
  if (number !== latest) return;
  await show(number, merged(responses));
  if (number !== latest) return;
  const about = query ? ` for “${query}”` : "";
  const also = meanings.length ? `, also searching for ${listed(meanings.map((m) => `“${m.name}”`))}` : "";
  const narrowed = filters ? " with the filters you chose" : "";
  say(total ? `${total} ${total === 1 ? "result" : "results"}${about}${also}${narrowed}.`
            : `No results${about}${also}${narrowed}. Try one of the suggestions below.`);
}

// The results of the query and of its other names' searches, each page once with its best score, best first.
function merged(responses) {
  const best = new Map();
  for (const response of responses) {
    for (const result of (response && response.results) || []) {
      const seen = best.get(result.id);
      if (!seen || result.score > seen.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
}

// Lists the first page of results in place of the last search's, in one step: the old results stay on screen
// until the new ones are ready, so the list never empties and refills.
async function show(number, results) {
  pending = results;
  total = results.length;
  shown = 0;
  const first = await itemsFor(pending.slice(0, PAGE_SIZE));
  if (number !== latest) return;
  resultsList.replaceChildren(...first);
  shown = first.length;
  moreButton.hidden = shown >= total;
  noneBox.hidden = Boolean(total) || !(input.value.trim() || chosenFilters());
  clearItem.hidden = !chosenFilters();
}

async function showMore(number) {
  const items = await itemsFor(pending.slice(shown, shown + PAGE_SIZE));
  if (number !== latest) return;
  resultsList.append(...items);
  shown += items.length;
  moreButton.hidden = shown >= total;
  say(`Showing ${shown} of ${total} results.`);
}

async function itemsFor(batch) {
  const data = await Promise.all(batch.map((result) => result.data()));
  return data.map(resultItem);
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

// ---------- Other names: "LGR" also searches for "Local government reorganisation" ----------
//
// The pages about a capability or topic use its name, not the abbreviations people type, and Pagefind has no
// synonyms of its own. So a query holding another name (from the also_known_as of capabilities.yaml and
// topics.yaml, which the page carries in data-synonyms) is also searched with the name it stands for in its
// place, and the results are merged. The longest other name is read first: "revs and bens" before "revs".

function readOtherNames(table) {
  return Object.entries(table)
    .map(([name, meanings]) => [normalised(name), meanings])
    .sort((a, b) => b[0].length - a[0].length);
}

function alsoMeant(query) {
  const words = ` ${normalised(query)} `;
  let unread = words;
  const found = [];
  for (const [name, meanings] of otherNames) {
    const phrase = ` ${name} `;
    if (!unread.includes(phrase)) continue;
    unread = unread.replace(phrase, " \u0000 "); // words read as a longer name are not read again
    for (const meaning of meanings) {
      found.push({ name: meaning, query: words.replace(phrase, ` ${meaning} `).trim() });
    }
  }
  return found.slice(0, MORE_NAMES);
}

function normalised(text) {
  return text.toLowerCase().replace(/&/g, " and ").replace(/[^\p{L}\p{N}'’-]+/gu, " ").trim();
}

function listed(items) {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

// Pagefind's excerpt is escaped text with <mark> around the matched words: keep the text and the marks only.
// Read in one inert <template>, which runs and loads nothing, rather than a new document for each result.
const excerptReader = document.createElement("template");

function markedText(html) {
  excerptReader.innerHTML = html;
  return Array.from(excerptReader.content.childNodes, (node) =>
    node.nodeName === "MARK" ? element("mark", { textContent: node.textContent }) : document.createTextNode(node.textContent));
}

// Without its index (a build made with --no-search, or a failed download) search cannot work: say so, and
// point to the lists, as the page does without JavaScript.
function unavailable() {
  form.hidden = true;
  const message = element("div", { className: "inset" });
  message.append(element("p", { className: "body", textContent:
    "Search is not available at the moment. Everything in the directory can also be found from these lists:" }));
  const lists = document.getElementById("search-browse").cloneNode(true);
  lists.removeAttribute("id");
  message.append(lists);
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
