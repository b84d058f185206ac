// The search page (templates/search.html): Pagefind in the page's language, with the
// other languages' indexes merged in on request. Loaded by the search page only; the
// index (pagefind.js, its WebAssembly and fragments) loads at the first query.
// Texts come from the page (the theme's catalogs), never from this file.

import { searchLanguage, searchQuery } from "./query.js";

const PAGE_SIZE = 10;
const root = document.querySelector("[data-search]");
const form = root.querySelector("form");
const input = form.querySelector("input[name=q]");
const allLanguages = form.querySelector("input[name=all]");
const series = form.querySelector("select[name=series]");
const status = root.querySelector("[data-search-status]");
const list = root.querySelector("[data-search-results]");
const more = root.querySelector("[data-search-more]");
const none = root.querySelector("[data-search-none]");
const failed = root.querySelector("[data-search-failed]");
const lang = document.documentElement.lang;
// {lang: bundle path}: the same origin as this page, whatever SITEURL says.
const bundles = Object.fromEntries(
  Object.entries(JSON.parse(root.dataset.bundles)).map(([code, url]) => [
    code,
    new URL(url, location.href).pathname,
  ]),
);
const languageNames = JSON.parse(root.dataset.languageNames);
// The result count's wording is in the UI's language (English on a page whose language
// has no catalog yet), so its plural rules are that language's.
const plural = new Intl.PluralRules(root.dataset.uiLang || lang);
const dates = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "UTC" });
const switches = [...document.querySelectorAll(".lang-switch a[hreflang]")];

let pagefind = null;
const merged = new Set();
let shown = [];
let pending = [];
let searchNumber = 0;

function say(text) {
  status.textContent = text;
}

function message(name, values) {
  return root.dataset[name].replace(/\{(\w+)\}/g, (_m, key) => values[key]);
}

// Whether a language has an index: a language with nothing published has none.
const indexes = new Map();
function hasIndex(code) {
  if (!indexes.has(code)) {
    const entry = `${bundles[code]}pagefind-entry.json`;
    indexes.set(
      code,
      fetch(entry, { method: "HEAD" }).then(
        (response) => response.ok,
        () => false,
      ),
    );
  }
  return indexes.get(code);
}

// `primary`: the language whose bundle runs the search (this page's, when it has one).
let primary = null;
async function loadPagefind(first) {
  if (!pagefind) {
    primary = first;
    pagefind = await import(`${bundles[first]}pagefind.js`);
    await pagefind.options({ excerptLength: 24 });
  }
  if (allLanguages?.checked) {
    for (const [other, bundle] of Object.entries(bundles)) {
      if (other !== primary && !merged.has(other) && (await hasIndex(other))) {
        merged.add(other);
        await pagefind.mergeIndex(bundle, { language: other });
      }
    }
  }
  return pagefind;
}

function filtersFor(languages) {
  const filters = { language: { any: languages } };
  if (series?.value) filters.series = series.value;
  return filters;
}

function element(tag, attributes = {}, text = "") {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text) node.textContent = text;
  return node;
}

function resultItem(data) {
  const resultLang = data.filters.language?.[0] || lang;
  const item = element("li", { class: "search-result" });
  const title = element("h2", { class: "search-result__title", lang: resultLang });
  title.append(element("a", { href: data.url }, data.meta.title || data.url));
  const meta = element("p", { class: "search-result__meta" });
  const parts = [];
  if (data.meta.series) {
    const label = [data.meta.series, data.meta.episode].filter(Boolean).join(" · ");
    parts.push(element("span", { lang: resultLang }, label));
  }
  // The date as the post gives it, in the site's time zone: its first ten characters.
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(data.meta.date || "");
  if (day) {
    const when = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])));
    parts.push(element("time", { datetime: data.meta.date }, dates.format(when)));
  }
  if (resultLang !== lang) parts.push(element("span", {}, languageNames[resultLang] || resultLang));
  parts.forEach((part, index) => {
    if (index) meta.append(" · ");
    meta.append(part);
  });
  const excerpt = element("p", { class: "search-result__excerpt", lang: resultLang });
  // Pagefind's excerpt is the page's text, escaped, with <mark> around matched words.
  excerpt.innerHTML = data.excerpt;
  item.append(title);
  if (parts.length) item.append(meta);
  item.append(excerpt);
  return item;
}

async function showMore(focusFirst) {
  const number = searchNumber;
  const batch = pending.slice(shown.length, shown.length + PAGE_SIZE);
  const data = await Promise.all(batch.map((result) => result.data()));
  if (number !== searchNumber) return;
  const items = data.map(resultItem);
  list.append(...items);
  shown = shown.concat(batch);
  more.hidden = shown.length >= pending.length;
  if (focusFirst && items.length) items[0].querySelector("a").focus();
}

function updateAddress(query) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (allLanguages?.checked) params.set("all", "1");
  if (series?.value) params.set("series", series.value);
  const search = params.toString() ? `?${params}` : "";
  history.replaceState(null, "", search || location.pathname);
  // The other language's search page opens with the same query.
  for (const link of switches) link.search = search;
}

async function run() {
  const query = input.value.trim();
  const number = ++searchNumber;
  updateAddress(query);
  list.replaceChildren();
  more.hidden = true;
  none.hidden = true;
  failed.hidden = true;
  shown = [];
  pending = [];
  if (!query && !series?.value) {
    say("");
    return;
  }
  say(root.dataset.searching);
  let results = [];
  try {
    const others = allLanguages?.checked ? Object.keys(bundles).filter((code) => code !== lang) : [];
    const searched = [];
    for (const code of [lang, ...others]) if (await hasIndex(code)) searched.push(code);
    // This page's language may have no index yet (nothing published): then only others.
    const engine = searched.length ? await loadPagefind(searched[0]) : null;
    const terms = query ? searchQuery(query) : null;
    // Without a query (a series alone), oldest first: a series reads in order.
    const order = terms ? {} : { sort: { date: "asc" } };
    for (const code of engine ? searched : []) {
      const options = { filters: filtersFor([code]), ...order };
      results = results.concat(await searchLanguage(engine, terms, options, query));
    }
  } catch (error) {
    if (number !== searchNumber) return;
    say("");
    failed.hidden = false;
    console.warn("search:", error);
    return;
  }
  if (number !== searchNumber) return;
  pending = results;
  if (!results.length) {
    say(message("none", { query }));
    none.hidden = false;
    return;
  }
  await showMore(false);
  if (number !== searchNumber) return;
  // Announced once the first results are on the page.
  const count = results.length;
  const key = plural.select(count) === "one" ? "resultsOne" : "resultsOther";
  say(message(query ? key : `${key}Series`, { num: count.toLocaleString(lang), query }));
}

let timer = 0;
function soon() {
  clearTimeout(timer);
  timer = setTimeout(run, 300);
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
if (allLanguages) allLanguages.checked = params.get("all") === "1";
if (series && params.get("series")) series.value = params.get("series");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run();
});
input.addEventListener("input", soon);
allLanguages?.addEventListener("change", run);
series?.addEventListener("change", run);
more.addEventListener("click", () => showMore(true));
if (input.value || series?.value) run();
