// eventwire: a single page over the JSON API. Every piece of data reaches the page through
// textContent / setAttribute on elements built with createElement; no data is ever parsed as HTML.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const app = () => document.getElementById("app");
const FILTERS = ["actor", "country", "sector", "role", "type", "cameo", "since", "until", "place", "modality", "q"];

// One fixed colour per PLOVER type, the same in every view and legend, grouped by PLOVER's quad categories
// (verbal / material cooperation, verbal / material conflict; store/export.py PLOVER_QUADS): cool hues for
// cooperation, warm ones for conflict, any two colours at least 20 apart in CIELAB (ΔE*ab).
// tests/test_api.py checks the groups and the distances.
const QUADS = [
  ["verbal cooperation", { AGREE: "#1f77b4", CONSULT: "#56b4e9", SUPPORT: "#3949ab", CONCEDE: "#80cbc4" }],
  ["material cooperation", { COOPERATE: "#2e7d32", AID: "#00897b", RETREAT: "#9ccc65" }],
  ["verbal conflict", { REQUEST: "#ffb300", ACCUSE: "#f57c00", REJECT: "#827717", SANCTION: "#7b1fa2", THREATEN: "#d81b60" }],
  ["material conflict", { PROTEST: "#f48fb1", MOBILIZE: "#8d6e63", COERCE: "#4e342e", ASSAULT: "#e53935" }],
];
const TYPE_COLOR = Object.fromEntries(QUADS.flatMap(([, colors]) => Object.entries(colors)));
const TYPE_ORDER = Object.keys(TYPE_COLOR);
const typeColor = (type) => TYPE_COLOR[type] || "#9aa3b2";
const typeRank = (type) => (TYPE_COLOR[type] ? TYPE_ORDER.indexOf(type) : TYPE_ORDER.length);

// --- building elements ---------------------------------------------------------------------

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined) continue;
    if (k === "text") el.textContent = String(v);
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) if (c) el.appendChild(c);
  return el;
}

function title(text) { return s("title", { text }); }

function show(...nodes) {
  const root = app();
  root.replaceChildren(...nodes.flat(Infinity).filter((n) => n !== null && n !== undefined && n !== false));
  window.scrollTo(0, 0);
}

function status(text) { document.getElementById("status").textContent = text || ""; }

function errorBox(message) { return h("div", { class: "error", role: "alert", text: message }); }

const enc = encodeURIComponent;

function plural(n, word) { return `${n} ${n === 1 ? word : `${word}s`}`; }

// --- data ------------------------------------------------------------------------------------

async function api(path, params) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params || {})) if (v !== "" && v !== null && v !== undefined) url.searchParams.set(k, v);
  status("loading…");
  try {
    const res = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
    if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
    return body;
  } finally {
    status("");
  }
}

function actorLabel(a) {
  const code = `${a.country || ""}${a.sector || ""}` || (a.kind || "").toUpperCase();
  return code ? `${a.name || a.text} (${code})` : (a.name || a.text);
}

function actors(list) { return (list || []).map(actorLabel).join(", ") || "—"; }

function when(d) { return d && d.start ? (d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start) : "—"; }

function stamp(published) { return published ? published.replace("T", " ") : "undated"; }

// "Reuters" (the byline's credit), "reported by Reuters" (the body's attribution), both, or ""
function creditOf(r) {
  return [r.credit, r.attribution && r.attribution !== r.credit ? `reported by ${r.attribution}` : null].filter(Boolean).join("; ");
}

// "Coastline Daily (Reuters)", "unknown outlet (reported by Reuters)"
function outletOf(r) {
  const by = creditOf(r);
  return `${r.outlet || "unknown outlet"}${by ? ` (${by})` : ""}`;
}

function swatch(type) {
  const el = h("span", { class: "swatch", "data-type": type });
  el.style.background = typeColor(type);
  return el;
}

function typeLabel(type) { return h("span", { class: "type" }, swatch(type), type); }

// The types present, by quad category, each label kept with its swatch.
function legend(types) {
  const present = new Set(types);
  const groups = QUADS.map(([group, colors]) => [group, Object.keys(colors).filter((t) => present.has(t))]);
  groups.push(["other", [...present].filter((t) => !TYPE_COLOR[t]).sort()]);
  return h("div", { class: "legend", id: "type-legend" }, groups.filter(([, ts]) => ts.length).map(([group, ts]) =>
    h("div", { class: "legend-group" }, h("span", { class: "legend-title", text: group }),
      ts.map((t) => h("span", { class: "legend-item" }, swatch(t), t)))));
}

// Text with highlighted ranges: spans = [{start, end, cls, href, title}], overlapping allowed. Marks nest
// (sentence outside, then reused, then evidence), so a reused passage's underline shows under evidence.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const sp of spans) {
    cuts.add(Math.max(0, Math.min(text.length, sp.start)));
    cuts.add(Math.max(0, Math.min(text.length, sp.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const order = { sentence: 0, reused: 1, evidence: 2 };
  const out = h("div", { class: "report-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const covering = spans.filter((sp) => sp.start <= a && sp.end >= b);
    covering.sort((x, y) => (order[y.cls] || 0) - (order[x.cls] || 0));  // innermost first
    let node = document.createTextNode(text.slice(a, b));
    for (const sp of covering) {
      node = h("mark", { class: sp.extra ? `${sp.cls} ${sp.extra}` : sp.cls, title: sp.title, "data-event": sp.event }, node);
      if (sp.href) node = h("a", { href: sp.href, class: "evidence-link" }, node);
    }
    out.appendChild(node);
  }
  return out;
}

// --- routes ------------------------------------------------------------------------------------

const routes = [
  [/^#\/stories$/, storiesPage, "stories"],
  [/^#\/story\/(.+)$/, storyPage, "stories"],
  [/^#\/events$/, eventsPage, "events"],
  [/^#\/timeline$/, timelinePage, "events"],
  [/^#\/network$/, networkPage, "events"],
  [/^#\/map$/, mapPage, "events"],
  [/^#\/event\/(.+)$/, eventPage, "events"],
  [/^#\/reports$/, reportsPage, "reports"],
  [/^#\/report\/(.+)$/, reportPage, "reports"],
];

async function route() {
  const [path, query] = (window.location.hash || "#/stories").split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  for (const [re, page, section] of routes) {
    const m = path.match(re);
    if (!m) continue;
    for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === section);
    try {
      await page(params, ...m.slice(1).map(decodeURIComponent));
    } catch (e) {
      show(errorBox(e.message || String(e)));
    }
    return;
  }
  window.location.hash = "#/stories";
}

function hashOf(path, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  return q.toString() ? `${path}?${q}` : path;
}

function setHash(path, params) { window.location.hash = hashOf(path, params); }

function pager(page, params, path) {
  const offset = page.offset || 0;
  const prev = h("button", { type: "button", onclick: () => setHash(path, { ...params, offset: Math.max(0, offset - page.limit) }) }, "← previous");
  prev.disabled = offset <= 0;
  const next = h("button", { type: "button", onclick: () => setHash(path, { ...params, offset: page.next }) }, "next →");
  next.disabled = page.next === null || page.next === undefined;
  const last = Math.min(offset + page.items.length, page.total);
  return h("div", { class: "pager" }, prev, h("span", { class: "muted", text: `${page.total ? offset + 1 : 0}–${last} of ${page.total}` }), next);
}

function table(id, headers, rows) {
  return h("table", { id }, h("thead", {}, h("tr", {}, headers.map((t) => h("th", { text: t })))), h("tbody", {}, rows));
}

// --- stories -----------------------------------------------------------------------------------

async function storiesPage(params) {
  const page = await api("/stories", { q: params.q, offset: params.offset, limit: 50 });
  const form = h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); setHash("#/stories", { q: form.q.value }); } },
    h("label", {}, "Words in its reports", h("input", { name: "q", value: params.q || "" })),
    h("button", { type: "submit" }, "Search"));
  const rows = page.items.map((st) => h("tr", {},
    h("td", {}, h("a", { href: `#/story/${enc(st.id)}`, class: "story-link", text: st.title || st.id })),
    h("td", { text: st.report_ids.length }),
    h("td", { text: st.outlets.join(", ") || "—" }),
    h("td", { text: st.first ? stamp(st.first) : "—" }),
    h("td", { text: st.last ? stamp(st.last) : "—" })));
  show(h("h1", { text: "Stories" }), form, pager(page, params, "#/stories"),
    page.items.length ? table("stories", ["Story", "Reports", "Outlets", "First", "Last"], rows)
      : h("p", { class: "muted", text: "No stories yet." }));
}

function treeNode(node) {
  const jump = (e) => { e.preventDefault(); document.getElementById(`report-${node.report_id}`)?.scrollIntoView(); };
  const li = h("li", {},
    h("span", { class: `rel rel-${node.relation}`, text: node.relation }),
    h("a", { href: `#report-${enc(node.report_id)}`, onclick: jump, text: node.outlet || `report ${node.report_id.slice(0, 12)}` }),
    " ", h("span", { class: "muted", text: `${stamp(node.published)}${node.share ? ` · ${Math.round(node.share * 100)}% reused` : ""}` }),
    node.title ? h("div", { class: "muted", text: node.title }) : null);
  if (node.children && node.children.length) li.appendChild(h("ul", {}, node.children.map(treeNode)));
  return li;
}

function reportCard(item) {
  const r = item.report;
  const spans = [];
  for (const reuse of (item.placement && item.placement.reused) || []) {
    for (const p of reuse.passages) {
      const restated = p.kind === "paraphrase";
      spans.push({ start: p.start, end: p.end, cls: "reused", extra: restated ? "restated" : "",
        title: `${restated ? "restated in other words" : "reused word for word"} from ${reuse.source}` });
    }
  }
  for (const m of item.mentions || []) {
    spans.push({ start: m.start, end: m.end, cls: "evidence", href: `#/event/${enc(m.event_id)}`, event: m.event_id, title: `${m.type} ${m.cameo || ""}`.trim() });
  }
  return h("section", { class: "card report", id: `report-${r.id}` },
    h("h2", {}, item.placement ? h("span", { class: `rel rel-${item.placement.relation}`, text: item.placement.relation }) : null,
      h("a", { href: `#/report/${enc(r.id)}`, text: r.title || r.id })),
    h("div", { class: "muted meta", text: [outletOf(r), stamp(r.published), r.url].filter(Boolean).join(" · ") }),
    highlighted(r.text, spans));
}

function highlightLegend() {
  return h("div", { class: "legend", id: "highlight-legend" },
    h("span", { class: "legend-item" }, h("mark", { class: "reused", text: "reused passage (underlined)" })),
    h("span", { class: "legend-item" }, h("mark", { class: "reused restated", text: "restated in other words (dotted)" })),
    h("span", { class: "legend-item" }, h("mark", { class: "evidence", text: "event evidence (click to open the event)" })),
    h("span", { class: "legend-item" }, h("mark", { class: "reused" }, h("mark", { class: "evidence", text: "both" }))));
}

function eventRows(events) {
  return events.map((e) => h("tr", {},
    h("td", {}, h("a", { href: `#/event/${enc(e.id)}`, class: "event-link" }, typeLabel(e.type))),
    h("td", { text: actors(e.source) }), h("td", { text: actors(e.target) }), h("td", { class: "when", text: when(e.date) }),
    h("td", { text: e.location ? e.location.name : "—" })));
}

async function storyPage(params, id) {
  const d = await api(`/stories/${enc(id)}`);
  const st = d.story;
  const range = [...new Set([st.first, st.last].filter(Boolean))].map(stamp).join(" – ");
  show(
    h("h1", { text: st.title || st.id }),
    h("p", { class: "muted", id: "story-meta", text: [plural(st.report_ids.length, "report"), st.outlets.join(", "), range].filter(Boolean).join(" · ") }),
    h("h2", { text: "Provenance" }),
    d.tree ? h("ul", { class: "tree", id: "provenance" }, treeNode(d.tree)) : h("p", { class: "muted", text: "No provenance recorded." }),
    h("h2", { text: `Events (${d.events.length})` }),
    d.events.length ? table("story-events", ["Type", "Source", "Target", "When", "Where"], eventRows(d.events))
      : h("p", { class: "muted", text: "No events coded in this story." }),
    h("h2", { text: "Reports" }),
    highlightLegend(),
    d.reports.map(reportCard));
}

// --- reports -----------------------------------------------------------------------------------

async function reportsPage(params) {
  const page = await api("/reports", { q: params.q, offset: params.offset, limit: 50 });
  const form = h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); setHash("#/reports", { q: form.q.value }); } },
    h("label", {}, "Text contains", h("input", { name: "q", value: params.q || "" })),
    h("button", { type: "submit" }, "Search"));
  show(h("h1", { text: "Reports" }), h("p", { class: "muted", text: "The newest published first." }), form, pager(page, params, "#/reports"),
    table("reports", ["Title", "Outlet", "Credit", "Published"], page.items.map((r) => h("tr", {},
      h("td", {}, h("a", { href: `#/report/${enc(r.id)}`, text: r.title || r.id })),
      h("td", { text: r.outlet || "—" }), h("td", { text: creditOf(r) || "—" }), h("td", { text: r.published ? stamp(r.published) : "—" })))));
}

async function reportPage(params, id) {
  const d = await api(`/reports/${enc(id)}`);
  show(h("h1", { text: d.report.title || d.report.id }),
    d.placement ? h("p", {}, "In story ", h("a", { href: `#/story/${enc(d.placement.story_id)}`, text: d.placement.story_id })) : null,
    highlightLegend(), reportCard(d));
}

// --- events: the filters and the four views ------------------------------------------------------

const VIEWS = [["events", "Table"], ["timeline", "Timeline"], ["network", "Network"], ["map", "Map"]];

function eventFilters(params) { return Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k]])); }

function filterForm(params, view) {
  const field = (name, label, placeholder) => h("label", {}, label, h("input", { name, value: params[name] || "", placeholder }));
  const select = (name, label, options) => {
    const sel = h("select", { name }, h("option", { value: "", text: "any" }), options.map((o) => h("option", { value: o, text: o })));
    sel.value = params[name] || "";
    return h("label", {}, label, sel);
  };
  const form = h("form", { class: "filters card", id: "event-filters", onsubmit: (e) => {
    e.preventDefault();
    const next = {};
    for (const k of FILTERS) if (form.elements[k] && form.elements[k].value.trim()) next[k] = form.elements[k].value.trim();
    setHash(`#/${view}`, next);
  } },
  field("actor", "Actor", "RUS, RUSGOV, Lavrov"), field("country", "Country (ISO3)", "MLI"), field("sector", "Sector", "GOV"),
  select("role", "Role", ["source", "target"]), field("type", "PLOVER type", "CONSULT"), field("cameo", "CAMEO root", "04"),
  field("since", "Since", "2025-01-01"), field("until", "Until", "2025-12-31"), field("place", "Place", "Moscow"),
  select("modality", "Modality", ["asserted", "planned", "denied", "hypothetical", "historical"]), field("q", "Evidence contains", ""),
  h("button", { type: "submit" }, "Filter"), h("button", { type: "button", onclick: () => setHash(`#/${view}`, {}) }, "Clear"));
  return form;
}

function eventsHeader(params, view) {
  const filters = eventFilters(params);
  return [h("h1", { text: "Events" }), filterForm(params, view),
    h("nav", { class: "tabs", id: "views" }, VIEWS.map(([v, label]) =>
      h("a", { href: hashOf(`#/${v}`, filters), class: v === view ? "active" : null, text: label })))];
}

async function eventsPage(params) {
  const page = await api("/events", { ...eventFilters(params), offset: params.offset, limit: 50 });
  const rows = page.items.map((e) => h("tr", {},
    h("td", {}, h("a", { href: `#/event/${enc(e.id)}`, class: "event-link" }, typeLabel(e.type))),
    h("td", { text: e.cameo || "—" }), h("td", { text: actors(e.source) }), h("td", { text: actors(e.target) }),
    h("td", { class: "when", text: when(e.date) }), h("td", { text: e.location ? e.location.name : "—" }),
    h("td", { text: e.modality }), h("td", { text: e.n_reports })));
  show(eventsHeader(params, "events"), pager(page, params, "#/events"),
    table("events", ["Type", "CAMEO", "Source", "Target", "When", "Where", "Modality", "Reports"], rows),
    legend(page.items.map((e) => e.type)));
}

// --- timeline: a time axis, events placed by date, ranges as bars, zoomable ------------------------

const DAY = 86400000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const TICK_STEPS = [[1, "day"], [2, "day"], [7, "day"], [14, "day"], [1, "month"], [2, "month"], [3, "month"],
  [6, "month"], [1, "year"], [2, "year"], [5, "year"], [10, "year"], [25, "year"], [50, "year"], [100, "year"]];
const UNIT = { day: DAY, month: 30.44 * DAY, year: 365.25 * DAY };

// An ISO year, month or date (a time after it is ignored) → [its first instant, the instant after it) in UTC ms.
function period(iso) {
  const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
  if (!m) return [Date.UTC(y, 0, 1), Date.UTC(y + 1, 0, 1)];
  if (!d) return [Date.UTC(y, m - 1, 1), Date.UTC(y, m, 1)];
  return [Date.UTC(y, m - 1, d), Date.UTC(y, m - 1, d + 1)];
}

function spanOf(e) { return [period(e.start)[0], period(e.end || e.start)[1]]; }

function isoDay(t) { return new Date(t).toISOString().slice(0, 10); }

// What the axis shows: the zoom (from, to) when given, else every dated event with a margin.
function timeDomain(dated, params) {
  const isDate = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v || "");
  if (isDate(params.from) && isDate(params.to)) {
    const a = period(params.from)[0], b = period(params.to)[1];
    if (b > a) return [a, b];
  }
  if (!dated.length) return null;
  const spans = dated.map(spanOf);
  const a = Math.min(...spans.map((x) => x[0])), b = Math.max(...spans.map((x) => x[1]));
  const pad = Math.max(DAY, (b - a) * 0.02);
  return [a - pad, b + pad];
}

function nextTick(t, k, unit) {
  const d = new Date(t);
  if (unit === "day") return t + k * DAY;
  if (unit === "month") return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1);
  return Date.UTC(d.getUTCFullYear() + k, 0, 1);
}

function tickLabel(t, unit) {
  const d = new Date(t), month = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  return unit === "year" ? String(d.getUTCFullYear()) : unit === "month" ? month : `${d.getUTCDate()} ${month}`;
}

// Ticks on whole days, months or years, at least `spacing` pixels apart: [[ms, label]].
function timeTicks([a, b], width, spacing = 110) {
  const [k, unit] = TICK_STEPS.find(([n, u]) => (b - a) / (n * UNIT[u]) <= width / spacing) || TICK_STEPS.at(-1);
  const d = new Date(a), y = d.getUTCFullYear(), m = d.getUTCMonth();
  const out = [];
  let t = { day: Date.UTC(y, m, d.getUTCDate()), month: Date.UTC(y, m - (m % k), 1), year: Date.UTC(y - (y % k), 0, 1) }[unit];
  for (; t <= b; t = nextTick(t, k, unit)) if (t >= a) out.push([t, tickLabel(t, unit)]);
  return out;
}

async function timelinePage(params) {
  const filters = eventFilters(params);
  const data = await api("/timeline/events", { ...filters, limit: 5000 });
  const dated = data.items.filter((e) => e.start), undated = data.items.filter((e) => !e.start);
  const domain = timeDomain(dated, params);
  const box = h("div", { class: "chart-box", id: "timeline-box" });
  const zoom = (a, b) => setHash("#/timeline", { ...filters, from: isoDay(a), to: isoDay(Math.max(a, b - DAY)) });
  show(eventsHeader(params, "timeline"),
    domain ? zoomBar(domain, params, zoom) : null,
    box, legend(data.items.map((e) => e.type)),
    data.total > data.items.length ? h("p", { class: "muted", text: `The first ${data.items.length} of ${data.total} events.` }) : null,
    undatedList(undated));
  if (domain) drawTimeline(box, dated, domain, zoom);
  else box.replaceChildren(h("p", { class: "muted", text: "No dated events." }));
}

function zoomBar(domain, params, zoom) {
  const from = h("input", { type: "date", name: "from", value: isoDay(domain[0]) });
  const to = h("input", { type: "date", name: "to", value: isoDay(domain[1] - 1) });
  const [a, b] = domain, mid = (a + b) / 2;
  const filters = eventFilters(params);
  return h("form", { class: "zoom", id: "zoom", onsubmit: (e) => { e.preventDefault(); if (from.value && to.value) zoom(period(from.value)[0], period(to.value)[1]); } },
    h("label", {}, "From ", from), h("label", {}, "to ", to), h("button", { type: "submit" }, "Zoom"),
    h("button", { type: "button", onclick: () => zoom(mid - (b - a), mid + (b - a)) }, "Zoom out"),
    h("button", { type: "button", onclick: () => setHash("#/timeline", filters) }, "Whole range"),
    h("span", { class: "muted", text: "or drag across the chart" }));
}

// One row per PLOVER type present; each row's events packed into lanes so that no two marks overlap (up to
// MAX_LANES a row; beyond, marks share the lane they overlap least). A day is a dot, a range a bar; a date
// known only to the month or year is a pale bar over that month or year.
function drawTimeline(box, dated, domain, zoom) {
  const W = Math.max(480, box.clientWidth), L = 120, R = 16, T = 10, LANE = 14, GAP = 8, AXIS = 30, MIN = 10, MAX_LANES = 8;
  const x = (t) => L + ((t - domain[0]) / (domain[1] - domain[0])) * (W - L - R);
  const inView = dated.filter((e) => { const [a, b] = spanOf(e); return b > domain[0] && a < domain[1]; });
  const types = [...new Set(inView.map((e) => e.type))].sort((p, q) => typeRank(p) - typeRank(q));
  const rows = [];
  let y = T;
  for (const type of types) {
    const lanes = [], marks = [];
    for (const e of inView.filter((ev) => ev.type === type)) {
      const [a, b] = spanOf(e);
      const day = e.start.length >= 10 && b - a <= DAY;
      let x1 = Math.max(L, x(a)), x2 = Math.min(W - R, x(b));
      if (x2 - x1 < MIN) [x1, x2] = [(x1 + x2) / 2 - MIN / 2, (x1 + x2) / 2 + MIN / 2];
      let lane = lanes.findIndex((end) => end + 2 <= x1);
      if (lane < 0 && lanes.length < MAX_LANES) lane = lanes.push(0) - 1;
      if (lane < 0) lane = lanes.indexOf(Math.min(...lanes));
      lanes[lane] = Math.max(lanes[lane], x2);
      marks.push({ e, x1, x2, lane, day, vague: e.start.length < 10 || (e.end || e.start).length < 10 });
    }
    rows.push({ type, y, marks, height: lanes.length * LANE + GAP });
    y += lanes.length * LANE + GAP;
  }
  const H = y + AXIS;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, id: "timeline", role: "img", "aria-label": "events on a time axis, by type" });
  const brush = s("rect", { class: "brush", x: 0, y: T, width: 0, height: y - T });
  svg.appendChild(s("rect", { class: "plot", x: L, y: T, width: W - L - R, height: y - T }));
  for (const [t, label] of timeTicks(domain, W - L - R)) {
    svg.appendChild(s("line", { class: "grid", x1: x(t), x2: x(t), y1: T, y2: y }));
    if (x(t) + label.length * 3.5 < W) svg.appendChild(s("text", { class: "tick", x: x(t), y: y + 18, "text-anchor": "middle", text: label }));
  }
  for (const row of rows) {
    const mid = row.y + (row.height - GAP) / 2;
    svg.appendChild(s("line", { class: "row-line", x1: L, x2: W - R, y1: row.y + row.height - GAP / 2, y2: row.y + row.height - GAP / 2 }));
    svg.appendChild(s("rect", { x: 8, y: mid - 5, width: 10, height: 10, fill: typeColor(row.type), class: "row-swatch" }));
    svg.appendChild(s("text", { class: "row-label", x: 24, y: mid + 4, text: row.type }));
    for (const { e, x1, x2, lane, day, vague } of row.marks) {
      const cy = row.y + lane * LANE + LANE / 2, fill = typeColor(e.type);
      const mark = day ? s("circle", { cx: (x1 + x2) / 2, cy, r: 4.5, fill })
        : s("rect", { x: x1, y: cy - 4, width: x2 - x1, height: 8, rx: 2, fill, stroke: fill, class: vague ? "vague" : null });
      svg.appendChild(s("a", { href: `#/event/${enc(e.id)}`, class: "mark", "data-type": e.type, "data-start": e.start, "data-end": e.end || e.start },
        mark, title(`${e.type} · ${e.start}${e.end && e.end !== e.start ? ` – ${e.end}` : ""} · ${e.source || "—"} → ${e.target || "—"}`)));
    }
  }
  svg.appendChild(brush);
  // drag across the chart (from anywhere, a mark too) to zoom to that range; a click on a mark opens its event
  const at = (ev) => { const r = svg.getBoundingClientRect(); return Math.max(L, Math.min(W - R, ((ev.clientX - r.left) * W) / r.width)); };
  const time = (px) => domain[0] + ((px - L) / (W - L - R)) * (domain[1] - domain[0]);
  let x0 = null, dragging = false;
  svg.addEventListener("pointerdown", (ev) => { x0 = at(ev); dragging = false; });
  svg.addEventListener("pointermove", (ev) => {
    if (x0 === null || (!dragging && Math.abs(at(ev) - x0) < 5)) return;
    if (!dragging) svg.setPointerCapture(ev.pointerId);  // from here on the release is ours, not a click
    dragging = true;
    brush.setAttribute("x", Math.min(x0, at(ev)));
    brush.setAttribute("width", Math.abs(at(ev) - x0));
  });
  svg.addEventListener("pointerup", (ev) => {
    const [a, b] = [x0, at(ev)].sort((p, q) => p - q);
    if (dragging) zoom(time(a), time(b));
    x0 = null;
    dragging = false;
    brush.setAttribute("width", 0);
  });
  box.replaceChildren(svg, h("p", { class: "muted", text: `${plural(inView.length, "dated event")} in view, ${isoDay(domain[0])} to ${isoDay(domain[1] - 1)}.` }));
}

function undatedList(items, shown = 100) {
  if (!items.length) return null;
  return h("section", { id: "undated" }, h("h2", { text: `Undated events (${items.length})` }),
    h("ul", { class: "undated" }, items.slice(0, shown).map((e) => h("li", {},
      h("a", { href: `#/event/${enc(e.id)}` }, typeLabel(e.type)), " ",
      h("span", { class: "muted", text: `${e.source || "—"} → ${e.target || "—"}` })))),
    items.length > shown ? h("p", { class: "muted", text: `and ${items.length - shown} more` }) : null);
}

// --- network: who acts on whom ------------------------------------------------------------------

async function networkPage(params) {
  const filters = eventFilters(params);
  const dyads = await api("/dyads", { ...filters, limit: 60 });
  const box = h("div", { class: "chart-box", id: "network-box" });
  show(eventsHeader(params, "network"),
    h("p", { class: "muted", text: "An arrow goes from the source to the target of events; its width and number: how many. Click an actor to list its events." }),
    box);
  drawNetwork(box, dyads.items, filters);
}

// A node is a box with its label inside (and room for its loop above, if any); edges end at the box.
const NODE_H = 10;  // half the height of a node's box
const bounds = (n) => ({ l: n.x - n.hw - 4, r: n.x + n.hw + 4, t: n.y - NODE_H - (n.loop ? 26 : 4), b: n.y + NODE_H + 4 });

function separate(nodes) {
  let overlapped = false;
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i], b = nodes[j], A = bounds(a), B = bounds(b);
      const ox = Math.min(A.r, B.r) - Math.max(A.l, B.l), oy = Math.min(A.b, B.b) - Math.max(A.t, B.t);
      if (ox <= 0 || oy <= 0) continue;
      overlapped = true;
      if (ox < oy) { const d = ((A.l + A.r < B.l + B.r ? -1 : 1) * ox) / 2; a.x += d; b.x -= d; }
      else { const d = ((A.t + A.b < B.t + B.b ? -1 : 1) * oy) / 2; a.y += d; b.y -= d; }
    }
  }
  return overlapped;
}

// Fruchterman–Reingold over one connected part, kept `width` wide: linked nodes pulled to a length that
// leaves room for the arrow and its number, all nodes pushed apart, overlapping boxes separated until none
// overlap.
function forceLayout(nodes, edges, width, K = 45, steps = 300) {
  const clamp = (n) => { n.x = Math.max(n.hw + 4 - width / 2, Math.min(width / 2 - n.hw - 4, n.x)); };
  nodes.forEach((n, i) => {
    const a = (2 * Math.PI * i) / nodes.length, r = 25 * Math.sqrt(nodes.length);
    [n.x, n.y] = [r * Math.cos(a), r * Math.sin(a)];
  });
  let gx = 0.05;  // the pull toward the middle across; stronger while the part is wider than `width`
  for (let it = 0; it < steps && nodes.length > 1; it++) {
    if (it % 20 === 19 && Math.max(...nodes.map((n) => Math.abs(n.x) + n.hw)) > 0.45 * width) gx *= 1.5;
    for (const n of nodes) { n.dx = -gx * n.x; n.dy = -0.1 * n.y; }
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i], b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, f = (K * K) / Math.max(1, dx * dx + dy * dy);
        a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
      }
    }
    for (const [a, b] of edges) {
      const dx = a.x - b.x, dy = a.y - b.y, d = Math.max(1, Math.hypot(dx, dy));
      const rest = 50 + (a.hw + b.hw) * Math.abs(dx / d) + 2 * NODE_H * Math.abs(dy / d), f = (0.3 * (d - rest)) / d;
      a.dx -= dx * f; a.dy -= dy * f; b.dx += dx * f; b.dy += dy * f;
    }
    const temp = 50 * (1 - it / steps) + 1;
    for (const n of nodes) {
      const len = Math.max(1e-9, Math.hypot(n.dx, n.dy)), step = Math.min(len, temp);
      n.x += (n.dx / len) * step;
      n.y += (n.dy / len) * step;
    }
    separate(nodes);
    nodes.forEach(clamp);
  }
  for (let it = 0; it < 500 && separate(nodes); it++) nodes.forEach(clamp);
}

// Lays out each connected part alone and packs the parts in rows `width` wide; returns [the width used (more
// when a part is wider), the height used].
function layout(nodes, edges, width, gap = 24) {
  const parent = new Map(nodes.map((n) => [n, n]));
  const find = (n) => (parent.get(n) === n ? n : find(parent.get(n)));
  for (const [a, b] of edges) parent.set(find(a), find(b));
  const groups = new Map();
  for (const n of nodes) groups.set(find(n), [...(groups.get(find(n)) || []), n]);
  const parts = [...groups.values()].map((ns) => {
    forceLayout(ns, edges.filter(([a]) => ns.includes(a)), width - 2 * gap);
    const bs = ns.map(bounds);
    const l = Math.min(...bs.map((b) => b.l)), t = Math.min(...bs.map((b) => b.t));
    return { ns, l, t, w: Math.max(...bs.map((b) => b.r)) - l, h: Math.max(...bs.map((b) => b.b)) - t };
  }).sort((p, q) => q.h - p.h || q.w - p.w);
  const rows = [];  // first fit, tallest parts first: each part goes in the first row with room for it
  for (const p of parts) {
    let row = rows.find((r) => r.x + p.w <= width - gap);
    if (!row) rows.push(row = { x: gap, y: rows.length ? rows.at(-1).y + rows.at(-1).h + gap : gap, h: p.h });
    for (const n of p.ns) { n.x += row.x - p.l; n.y += row.y - p.t; }
    row.x += p.w + gap;
  }
  return [Math.max(width, ...rows.map((r) => r.x)), rows.at(-1).y + rows.at(-1).h + gap];
}

// Where the line from the middle of node n toward (x, y) leaves its box, `gap` further on.
function border(n, x, y, gap) {
  const ux = x - n.x, uy = y - n.y, t = Math.min(n.hw / Math.abs(ux || 1e-9), NODE_H / Math.abs(uy || 1e-9));
  const l = Math.hypot(ux, uy) || 1;
  return [n.x + ux * t + (ux / l) * gap, n.y + uy * t + (uy / l) * gap];
}

function drawNetwork(box, items, filters) {
  if (!items.length) { box.replaceChildren(h("p", { class: "muted", text: "No actor pairs." })); return; }
  const weight = new Map(), names = new Map();
  for (const d of items) {
    for (const [code, name] of [[d.source, d.source_name], [d.target, d.target_name]]) {
      weight.set(code, (weight.get(code) || 0) + d.n);
      if (name && !names.has(code)) names.set(code, name);
    }
  }
  const maxW = Math.max(...weight.values()), maxN = Math.max(...items.map((d) => d.n));
  const W = Math.max(480, box.clientWidth);
  const edgesG = s("g", { class: "edges" }), nodesG = s("g", { class: "nodes" });
  const svg = s("svg", { id: "network", role: "img", "aria-label": "who acts on whom" },
    s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" },
      s("path", { d: "M0 0L10 5L0 10z", class: "arrowhead" }))),
    edgesG, nodesG);
  box.replaceChildren(svg);
  const nodes = [...weight.keys()].sort().map((code) => {
    const label = s("text", { class: "label", "text-anchor": "middle", text: code });
    nodesG.appendChild(label);  // in the page, so that its width can be measured
    return { code, label, hw: label.getComputedTextLength() / 2 + 8, loop: items.some((d) => d.source === code && d.target === code) };
  });
  const byCode = new Map(nodes.map((n) => [n.code, n]));
  const [w, H] = layout(nodes, items.filter((d) => d.source !== d.target).map((d) => [byCode.get(d.source), byCode.get(d.target)]), W);
  for (const [k, v] of Object.entries({ viewBox: `0 0 ${w} ${H}`, width: w, height: H })) svg.setAttribute(k, v);  // scaled to fit
  const pairs = new Set(items.map((d) => `${d.source}\u0000${d.target}`));
  const placed = [];  // counts already drawn: a count keeps clear of them too
  for (const d of items) {
    const a = byCode.get(d.source), b = byCode.get(d.target);
    let path, lx, ly;
    if (a === b) {  // a loop above the node
      const y = a.y - NODE_H;
      path = `M${a.x - 8} ${y} C${a.x - 16} ${y - 28} ${a.x + 16} ${y - 28} ${a.x + 8} ${y - 2}`;
      [lx, ly] = [a.x + 18, y - 14];
    } else {  // straight, or bent to one side when the reverse pair is drawn too
      const dx = b.x - a.x, dy = b.y - a.y, d0 = Math.hypot(dx, dy) || 1;
      const bend = pairs.has(`${d.target}\u0000${d.source}`) ? Math.min(30, 0.2 * d0) : 0;
      const cx = (a.x + b.x) / 2 - (dy / d0) * bend, cy = (a.y + b.y) / 2 + (dx / d0) * bend;
      const [sx, sy] = border(a, cx, cy, 1), [ex, ey] = border(b, cx, cy, 2);
      path = `M${sx} ${sy} Q${cx} ${cy} ${ex} ${ey}`;
      // the count sits on the curve, away from every actor box and every other count: the middle, else further
      // along or beside it
      const at = (t, off) => [(1 - t) * (1 - t) * sx + 2 * (1 - t) * t * cx + t * t * ex - (dy / d0) * off,
        (1 - t) * (1 - t) * sy + 2 * (1 - t) * t * cy + t * t * ey + (dx / d0) * off];
      const clear = ([x, y]) => nodes.every((n) => Math.abs(x - n.x) > n.hw + 8 || Math.abs(y - n.y) > NODE_H + 8)
        && placed.every(([px, py]) => Math.abs(x - px) > 16 || Math.abs(y - py) > 14);
      const spots = [0.5, 0.4, 0.6, 0.3, 0.7].flatMap((t) => [0, 14, -14, 28, -28].map((off) => at(t, off)));
      [lx, ly] = spots.find(clear) || spots[0];
    }
    placed.push([lx, ly]);
    const tip = `${names.get(d.source) || d.source} (${d.source}) → ${names.get(d.target) || d.target} (${d.target}): ${plural(d.n, "event")}`;
    edgesG.appendChild(s("g", { class: "edge", "data-source": d.source, "data-target": d.target, "data-n": d.n }, title(tip),
      s("path", { d: path, "stroke-width": 1 + (4 * d.n) / maxN, "marker-end": "url(#arrow)" }),
      s("text", { class: "count", x: lx, y: ly + 4, "text-anchor": "middle", text: d.n })));
  }
  for (const n of nodes) {
    const open = () => setHash("#/events", { ...filters, actor: n.code });
    n.label.setAttribute("x", n.x);
    n.label.setAttribute("y", n.y + 4);
    nodesG.appendChild(s("g", { class: "node", tabindex: 0, role: "link", "data-code": n.code, "aria-label": `events of ${n.code}`,
      onclick: open, onkeydown: (e) => { if (e.key === "Enter") open(); } },
    s("rect", { x: n.x - n.hw, y: n.y - NODE_H, width: 2 * n.hw, height: 2 * NODE_H, rx: NODE_H, "stroke-width": 1 + 2 * Math.sqrt(weight.get(n.code) / maxW) }),
    n.label,
    title(`${names.get(n.code) || n.code} (${n.code}): ${plural(weight.get(n.code), "event")} with the actors shown; click to list them`)));
  }
}

// --- map -----------------------------------------------------------------------------------------

let shapesCache = null;

async function mapPage(params) {
  const filters = eventFilters(params);
  const points = await api("/map/points", filters);
  const box = h("div", { id: "map-box" }, h("p", { class: "muted", text: "loading map…" }));
  show(eventsHeader(params, "map"), box);
  await drawMap(box, points, filters).catch((e) => box.replaceChildren(errorBox(`map: ${e.message}`)));
}

async function drawMap(box, points, filters) {
  shapesCache = shapesCache || (await api("/map/countries"));
  const counts = points.countries || {};
  const svg = s("svg", { viewBox: "0 0 360 180", id: "map", role: "img", "aria-label": "map of event places" });
  for (let lon = -150; lon <= 150; lon += 30) svg.appendChild(s("line", { x1: lon + 180, x2: lon + 180, y1: 0, y2: 180, class: "graticule" }));
  for (let lat = -60; lat <= 60; lat += 30) svg.appendChild(s("line", { x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat, class: "graticule" }));
  for (const c of shapesCache.countries) {
    const n = c.iso2 ? counts[c.iso2] || 0 : 0;
    svg.appendChild(s("path", { d: c.d, class: n ? "land hit" : "land", "data-iso2": c.iso2 }, title(n ? `${c.name}: ${plural(n, "event")}` : c.name)));
  }
  const maxN = Math.max(1, ...points.points.map((p) => p.n));
  for (const p of points.points) {
    svg.appendChild(s("circle", {
      cx: p.lon + 180, cy: 90 - p.lat, r: 0.8 + 2.2 * Math.sqrt(p.n / maxN), class: "point",
      onclick: () => setHash("#/events", { ...filters, place: p.geonameid ? String(p.geonameid) : p.place }),
    }, title(`${p.place || "?"}: ${plural(p.n, "event")}`)));
  }
  box.replaceChildren(svg, h("p", { class: "muted", text: "Country shapes: Natural Earth (public domain), equirectangular. Countries with events are shaded; click a point to list the events at that place." }));
}

// --- one event -----------------------------------------------------------------------------------

// "4 mentions in 2 reports; outlets: Sahel Wire and 1 report with no outlet named"
function support(e) {
  const reports = Object.values(e.reports);
  const known = [...new Set(reports.map((r) => r.outlet).filter(Boolean))];
  const unknown = reports.filter((r) => !r.outlet).length;
  const outlets = known.length ? known.join(", ") + (unknown ? ` and ${plural(unknown, "report")} with no outlet named` : "") : "none named";
  return `${plural(e.mentions.length, "mention")} in ${plural(e.n_reports, "report")}; outlets: ${outlets}`;
}

// One card per report, with every evidence sentence of the event in it highlighted. Sentences are counted
// from 0, as `eventwire show` counts them.
function mentionCard(reportId, r, mentions) {
  const numbers = [...new Set(mentions.map((m) => m.sentence))].sort((a, b) => a - b);
  const spans = mentions.flatMap((m) => [
    { start: m.start, end: m.end, cls: "evidence", title: `evidence (sentence ${m.sentence})` },
    m.sentence_start === undefined ? null : { start: m.sentence_start, end: m.sentence_end, cls: "sentence" },
  ]).filter(Boolean);
  return h("section", { class: "card mention", id: `report-${reportId}`, "data-report": reportId },
    h("h2", {}, h("a", { href: `#/report/${enc(reportId)}`, text: r ? r.title || reportId : reportId })),
    h("div", { class: "muted meta", text: [r ? outletOf(r) : "report not stored", stamp(r && r.published), `${numbers.length === 1 ? "sentence" : "sentences"} ${numbers.join(", ")}`].join(" · ") }),
    r ? highlighted(r.text, spans) : null);
}

async function eventPage(params, id) {
  const e = await api(`/events/${enc(id)}`);
  const kv = (k, v) => [h("dt", { text: k }), h("dd", {}, v)];
  const byReport = new Map();
  for (const m of e.mentions) byReport.set(m.report_id, [...(byReport.get(m.report_id) || []), m]);
  show(h("h1", {}, swatch(e.type), `${e.type}${e.mode ? ` (${e.mode})` : ""}: ${actors(e.source)} → ${actors(e.target)}`),
    h("dl", { class: "kv card", id: "event-facts" },
      kv("PLOVER", `${e.type}${e.mode ? ` / ${e.mode}` : ""}${e.context.length ? ` · ${e.context.join(", ")}` : ""}`),
      kv("CAMEO", e.cameo || "—"), kv("Goldstein", e.goldstein === null ? "—" : e.goldstein),
      kv("Modality", e.modality), kv("When", when(e.date)),
      kv("Where", e.location ? `${e.location.name}${e.location.country ? `, ${e.location.country}` : ""}` : "—"),
      kv("Source", actors(e.source)), kv("Target", actors(e.target)),
      kv("Support", support(e)), kv("Confidence", e.confidence)),
    h("h2", { text: "Reports and evidence" }),
    h("div", { class: "legend" }, h("span", { class: "legend-item" }, h("mark", { class: "sentence" }, h("mark", { class: "evidence", text: "evidence" }), " in its sentence"))),
    [...byReport].map(([rid, ms]) => mentionCard(rid, e.reports[rid], ms)));
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
