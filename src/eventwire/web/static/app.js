// eventwire: a single page over the JSON API. Every piece of data reaches the page through
// textContent / setAttribute on elements built with createElement; no data is ever parsed as HTML.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const app = () => document.getElementById("app");
const FILTERS = ["actor", "country", "sector", "role", "type", "cameo", "since", "until", "place", "modality", "q"];
const PALETTE = ["#2456a6", "#c0392b", "#2f8a55", "#d68910", "#7d3c98", "#148f77", "#a04000", "#5d6d7e",
  "#b03a2e", "#1f618d", "#7d6608", "#6c3483"];

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

function colorOf(key, keys) { return PALETTE[Math.max(0, keys.indexOf(key)) % PALETTE.length]; }

// Text with highlighted ranges: spans = [{start, end, cls, href, title}], overlapping allowed.
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const sp of spans) {
    cuts.add(Math.max(0, Math.min(text.length, sp.start)));
    cuts.add(Math.max(0, Math.min(text.length, sp.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = h("div", { class: "report-text" });
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    if (a === b) continue;
    const piece = text.slice(a, b);
    const covering = spans.filter((sp) => sp.start <= a && sp.end >= b);
    if (!covering.length) { out.appendChild(document.createTextNode(piece)); continue; }
    let node = document.createTextNode(piece);
    // innermost first: sentence < reused < evidence
    const order = { sentence: 0, reused: 1, evidence: 2 };
    covering.sort((x, y) => (order[y.cls] || 0) - (order[x.cls] || 0));
    for (const sp of covering) {
      const m = h("mark", { class: sp.cls, title: sp.title, "data-event": sp.event });
      m.appendChild(node);
      node = m;
      if (sp.href) {
        const link = h("a", { href: sp.href, class: "evidence-link" });
        link.appendChild(node);
        node = link;
      }
    }
    out.appendChild(node);
  }
  return out;
}

// --- routes ------------------------------------------------------------------------------------

const routes = [
  [/^#\/stories$/, storiesPage],
  [/^#\/story\/(.+)$/, storyPage],
  [/^#\/events$/, eventsPage],
  [/^#\/event\/(.+)$/, eventPage],
  [/^#\/reports$/, reportsPage],
  [/^#\/report\/(.+)$/, reportPage],
];

async function route() {
  const [path, query] = (window.location.hash || "#/stories").split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  for (const a of document.querySelectorAll("[data-nav]")) {
    a.classList.toggle("active", path.startsWith(`#/${a.dataset.nav.replace(/s$/, "")}`));
  }
  for (const [re, page] of routes) {
    const m = path.match(re);
    if (m) {
      try {
        await page(params, ...m.slice(1).map(decodeURIComponent));
      } catch (e) {
        show(errorBox(e.message || String(e)));
      }
      return;
    }
  }
  window.location.hash = "#/stories";
}

function setHash(path, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v !== null && v !== undefined));
  const s = q.toString();
  window.location.hash = s ? `${path}?${s}` : path;
}

function pager(page, params, path) {
  const offset = page.offset || 0;
  const prev = h("button", { type: "button", onclick: () => setHash(path, { ...params, offset: Math.max(0, offset - page.limit) }) }, "← previous");
  prev.disabled = offset <= 0;
  const next = h("button", { type: "button", onclick: () => setHash(path, { ...params, offset: page.next }) }, "next →");
  next.disabled = page.next === null || page.next === undefined;
  const last = Math.min(offset + page.items.length, page.total);
  return h("div", { class: "pager" }, prev, h("span", { class: "muted", text: `${page.total ? offset + 1 : 0}–${last} of ${page.total}` }), next);
}

// --- stories -----------------------------------------------------------------------------------

async function storiesPage(params) {
  const page = await api("/stories", { q: params.q, offset: params.offset, limit: 50 });
  const form = h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); setHash("#/stories", { q: form.q.value }); } },
    h("label", {}, "Title contains", h("input", { name: "q", value: params.q || "" })),
    h("button", { type: "submit" }, "Search"));
  const rows = page.items.map((st) => h("tr", {},
    h("td", {}, h("a", { href: `#/story/${encodeURIComponent(st.id)}`, class: "story-link", text: st.title || st.id })),
    h("td", { text: st.report_ids.length }),
    h("td", { text: st.outlets.join(", ") }),
    h("td", { text: st.first || "—" }),
    h("td", { text: st.last || "—" })));
  show(h("h1", { text: "Stories" }), form, pager(page, params, "#/stories"),
    page.items.length ? h("table", { id: "stories" },
      h("thead", {}, h("tr", {}, ...["Story", "Reports", "Outlets", "First", "Last"].map((t) => h("th", { text: t })))),
      h("tbody", {}, rows)) : h("p", { class: "muted", text: "No stories yet." }));
}

function treeNode(node) {
  const li = h("li", {},
    h("span", { class: `rel rel-${node.relation}`, text: node.relation }),
    h("a", { href: `#report-${encodeURIComponent(node.report_id)}`, onclick: (e) => { e.preventDefault(); const t = document.getElementById(`report-${node.report_id}`); if (t) t.scrollIntoView(); }, text: node.outlet || node.report_id }),
    " ", h("span", { class: "muted", text: `${node.published || "undated"}${node.share ? ` · ${Math.round(node.share * 100)}% reused` : ""}` }),
    node.title ? h("div", { class: "muted", text: node.title }) : null);
  if (node.children && node.children.length) li.appendChild(h("ul", {}, node.children.map(treeNode)));
  return li;
}

function reportCard(item, extraSpans) {
  const r = item.report;
  const spans = [];
  for (const reuse of (item.placement && item.placement.reused) || []) {
    for (const p of reuse.passages) spans.push({ start: p.start, end: p.end, cls: "reused", title: `reused from ${reuse.source}` });
  }
  for (const m of item.mentions || []) {
    spans.push({ start: m.start, end: m.end, cls: "evidence", href: `#/event/${encodeURIComponent(m.event_id)}`, event: m.event_id, title: `${m.type} ${m.cameo || ""}`.trim() });
  }
  spans.push(...(extraSpans || []));
  return h("section", { class: "card report", id: `report-${r.id}` },
    h("h2", {}, item.placement ? h("span", { class: `rel rel-${item.placement.relation}`, text: item.placement.relation }) : null,
      h("a", { href: `#/report/${encodeURIComponent(r.id)}`, text: r.title || r.id })),
    h("div", { class: "muted" }, `${r.outlet || "unknown outlet"} · ${r.published || "undated"}`,
      r.url ? [" · ", h("span", { text: r.url })] : null),
    highlighted(r.text, spans));
}

async function storyPage(params, id) {
  const d = await api(`/stories/${encodeURIComponent(id)}`);
  const st = d.story;
  const evRows = d.events.map((e) => h("tr", {},
    h("td", {}, h("a", { href: `#/event/${encodeURIComponent(e.id)}`, text: e.type })),
    h("td", { text: actors(e.source) }), h("td", { text: actors(e.target) }), h("td", { text: when(e.date) }),
    h("td", { text: e.location ? e.location.name : "—" })));
  show(
    h("h1", { text: st.title || st.id }),
    h("p", { class: "muted", text: `${st.report_ids.length} reports · ${st.outlets.join(", ")} · ${st.first || ""} – ${st.last || ""}` }),
    h("h2", { text: "Provenance" }),
    d.tree ? h("ul", { class: "tree", id: "provenance" }, treeNode(d.tree)) : h("p", { class: "muted", text: "No provenance recorded." }),
    h("h2", { text: `Events (${d.events.length})` }),
    d.events.length ? h("table", { id: "story-events" }, h("thead", {}, h("tr", {}, ...["Type", "Source", "Target", "When", "Where"].map((t) => h("th", { text: t })))), h("tbody", {}, evRows))
      : h("p", { class: "muted", text: "No events coded in this story." }),
    h("h2", { text: "Reports" }),
    h("div", { class: "legend" }, h("span", { class: "reused", text: "reused passage" }), h("span", { class: "evidence", text: "event evidence (click to open the event)" })),
    d.reports.map((item) => reportCard(item)));
}

// --- reports -----------------------------------------------------------------------------------

async function reportsPage(params) {
  const page = await api("/reports", { q: params.q, offset: params.offset, limit: 50 });
  const form = h("form", { class: "filters", onsubmit: (e) => { e.preventDefault(); setHash("#/reports", { q: form.q.value }); } },
    h("label", {}, "Text contains", h("input", { name: "q", value: params.q || "" })),
    h("button", { type: "submit" }, "Search"));
  show(h("h1", { text: "Reports" }), form, pager(page, params, "#/reports"),
    h("table", { id: "reports" }, h("thead", {}, h("tr", {}, ...["Title", "Outlet", "Published"].map((t) => h("th", { text: t })))),
      h("tbody", {}, page.items.map((r) => h("tr", {},
        h("td", {}, h("a", { href: `#/report/${encodeURIComponent(r.id)}`, text: r.title || r.id })),
        h("td", { text: r.outlet || "—" }), h("td", { text: r.published || "—" }))))));
}

async function reportPage(params, id) {
  const d = await api(`/reports/${encodeURIComponent(id)}`);
  show(h("h1", { text: d.report.title || d.report.id }),
    d.placement ? h("p", {}, "In story ", h("a", { href: `#/story/${encodeURIComponent(d.placement.story_id)}`, text: d.placement.story_id })) : null,
    reportCard(d));
}

// --- events ------------------------------------------------------------------------------------

function filterForm(params) {
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
    setHash("#/events", next);
  } },
  field("actor", "Actor", "RUS, RUSGOV, Lavrov"), field("country", "Country (ISO3)", "MLI"), field("sector", "Sector", "GOV"),
  select("role", "Role", ["source", "target"]), field("type", "PLOVER type", "CONSULT"), field("cameo", "CAMEO root", "04"),
  field("since", "Since", "2025-01-01"), field("until", "Until", "2025-12-31"), field("place", "Place", "Moscow"),
  select("modality", "Modality", ["asserted", "planned", "denied", "hypothetical", "historical"]), field("q", "Evidence contains", ""),
  h("button", { type: "submit" }, "Filter"), h("button", { type: "button", onclick: () => setHash("#/events", {}) }, "Clear"));
  return form;
}

async function eventsPage(params) {
  const filters = Object.fromEntries(FILTERS.filter((k) => params[k]).map((k) => [k, params[k]]));
  const [page, timeline, dyads, points] = await Promise.all([
    api("/events", { ...filters, offset: params.offset, limit: 50 }),
    api("/timeline", { ...filters, by: params.by || "day" }),
    api("/dyads", { ...filters, limit: 40 }),
    api("/map/points", filters),
  ]);
  const table = h("table", { id: "events" },
    h("thead", {}, h("tr", {}, ...["Type", "CAMEO", "Source", "Target", "When", "Where", "Modality", "Reports"].map((t) => h("th", { text: t })))),
    h("tbody", {}, page.items.map((e) => h("tr", {},
      h("td", {}, h("a", { href: `#/event/${encodeURIComponent(e.id)}`, class: "event-link", text: e.type })),
      h("td", { text: e.cameo || "—" }), h("td", { text: actors(e.source) }), h("td", { text: actors(e.target) }),
      h("td", { text: when(e.date) }), h("td", { text: e.location ? e.location.name : "—" }),
      h("td", { text: e.modality }), h("td", { text: e.n_reports })))));
  const mapBox = h("div", { id: "map-box" }, h("p", { class: "muted", text: "loading map…" }));
  show(h("h1", { text: "Events" }), filterForm(params), pager(page, params, "#/events"), table,
    h("div", { class: "grid2" },
      h("section", {}, h("h2", { text: "Timeline: events by type" }), timelineChart(timeline.items)),
      h("section", {}, h("h2", { text: "Who acts on whom" }), networkChart(dyads.items))),
    h("h2", { text: "Where" }), mapBox);
  drawMap(mapBox, points).catch((e) => mapBox.replaceChildren(errorBox(`map: ${e.message}`)));
}

function timelineChart(items) {
  if (!items.length) return h("p", { class: "muted", text: "No dated events." });
  const dates = [...new Set(items.map((i) => i.date))].sort();
  const types = [...new Set(items.map((i) => i.type))].sort();
  const totals = Object.fromEntries(dates.map((d) => [d, 0]));
  for (const i of items) totals[i.date] += i.n;
  const max = Math.max(...Object.values(totals));
  const W = 600, H = 260, L = 34, B = 40, T = 10, bw = (W - L - 10) / dates.length;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, id: "timeline", role: "img", "aria-label": "event counts by date and type" });
  for (const v of new Set([0, Math.round(max / 2), max])) {
    const y = H - B - (v / max) * (H - B - T);
    svg.appendChild(s("line", { x1: L, x2: W - 10, y1: y, y2: y, class: "graticule" }));
    svg.appendChild(s("text", { x: L - 4, y: y + 3, "text-anchor": "end", class: "axis", text: v }));
  }
  const stacked = Object.fromEntries(dates.map((d) => [d, 0]));
  for (const i of items) {
    const x = L + dates.indexOf(i.date) * bw;
    const hgt = (i.n / max) * (H - B - T);
    const y = H - B - ((stacked[i.date] + i.n) / max) * (H - B - T);
    stacked[i.date] += i.n;
    svg.appendChild(s("rect", { x: x + bw * 0.1, y, width: Math.max(1, bw * 0.8), height: Math.max(0.5, hgt), fill: colorOf(i.type, types) },
      title(`${i.date} · ${i.type}: ${i.n}`)));
  }
  const step = Math.max(1, Math.ceil(dates.length / 8));
  dates.forEach((d, k) => {
    if (k % step) return;
    svg.appendChild(s("text", { x: L + k * bw + bw / 2, y: H - B + 14, "text-anchor": "middle", class: "axis", text: d }));
  });
  const legend = h("div", { class: "muted" }, types.map((t) => [h("span", { class: "swatch", style: null }), t]));
  legend.querySelectorAll(".swatch").forEach((sw, k) => { sw.style.background = colorOf(types[k], types); });
  return h("div", {}, svg, legend);
}

function networkChart(items) {
  if (!items.length) return h("p", { class: "muted", text: "No actor pairs." });
  const nodes = [...new Set(items.flatMap((d) => [d.source, d.target]))];
  const weight = Object.fromEntries(nodes.map((n) => [n, 0]));
  for (const d of items) { weight[d.source] += d.n; weight[d.target] += d.n; }
  nodes.sort((a, b) => weight[b] - weight[a] || (a < b ? -1 : 1));
  const W = 600, H = 420, cx = W / 2, cy = H / 2, R = Math.min(W, H) / 2 - 60;
  const pos = Object.fromEntries(nodes.map((n, k) => {
    const a = (2 * Math.PI * k) / nodes.length - Math.PI / 2;
    return [n, [cx + R * Math.cos(a), cy + R * Math.sin(a), a]];
  }));
  const maxN = Math.max(...items.map((d) => d.n));
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, id: "network", role: "img", "aria-label": "actor network" },
    s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 14, refY: 5, markerWidth: 5, markerHeight: 5, orient: "auto-start-reverse" },
      s("path", { d: "M0 0L10 5L0 10z", fill: "#7d8aa5" }))));
  for (const d of items) {
    const [x1, y1] = pos[d.source], [x2, y2] = pos[d.target];
    const path = d.source === d.target
      ? `M${x1} ${y1} c 30 -40, 50 10, 0 8`
      : `M${x1} ${y1} Q ${(x1 + x2) / 2 + (cy - (y1 + y2) / 2) * 0.2} ${(y1 + y2) / 2 + ((x1 + x2) / 2 - cx) * 0.2} ${x2} ${y2}`;
    svg.appendChild(s("path", { d: path, class: "edge", "stroke-width": 0.8 + 5 * (d.n / maxN), "marker-end": "url(#arrow)" },
      title(`${d.source} → ${d.target}: ${d.n} event${d.n === 1 ? "" : "s"}`)));
  }
  for (const n of nodes) {
    const [x, y, a] = pos[n];
    const right = Math.cos(a) >= 0;
    const g = s("g", { class: "node", onclick: () => setHash("#/events", { actor: n }) },
      s("circle", { cx: x, cy: y, r: 3 + Math.sqrt(weight[n]) * 1.5 }, title(`${n}: ${weight[n]}`)),
      s("text", { x: x + (right ? 8 : -8), y: y + 3, "text-anchor": right ? "start" : "end", text: n }));
    g.style.cursor = "pointer";
    svg.appendChild(g);
  }
  return svg;
}

let shapesCache = null;

async function drawMap(box, points) {
  shapesCache = shapesCache || (await api("/map/countries"));
  const counts = points.countries || {};
  const svg = s("svg", { viewBox: "0 0 360 180", id: "map", role: "img", "aria-label": "map of event places" });
  for (let lon = -150; lon <= 150; lon += 30) svg.appendChild(s("line", { x1: lon + 180, x2: lon + 180, y1: 0, y2: 180, class: "graticule" }));
  for (let lat = -60; lat <= 60; lat += 30) svg.appendChild(s("line", { x1: 0, x2: 360, y1: 90 - lat, y2: 90 - lat, class: "graticule" }));
  for (const c of shapesCache.countries) {
    const n = c.iso2 ? counts[c.iso2] || 0 : 0;
    svg.appendChild(s("path", { d: c.d, class: n ? "land hit" : "land", "data-iso2": c.iso2 }, title(n ? `${c.name}: ${n} event${n === 1 ? "" : "s"}` : c.name)));
  }
  const maxN = Math.max(1, ...points.points.map((p) => p.n));
  for (const p of points.points) {
    svg.appendChild(s("circle", {
      cx: p.lon + 180, cy: 90 - p.lat, r: 0.8 + 2.2 * Math.sqrt(p.n / maxN), class: "point",
      onclick: () => setHash("#/events", { place: p.geonameid ? String(p.geonameid) : p.place }),
    }, title(`${p.place || "?"}: ${p.n} event${p.n === 1 ? "" : "s"}`)));
  }
  box.replaceChildren(svg, h("p", { class: "muted", text: "Country shapes: Natural Earth (public domain), equirectangular. Click a point to filter by place." }));
}

async function eventPage(params, id) {
  const e = await api(`/events/${encodeURIComponent(id)}`);
  const kv = (k, v) => [h("dt", { text: k }), h("dd", { text: v })];
  const mentions = e.mentions.map((m, k) => {
    const r = e.reports[m.report_id];
    const spans = [{ start: m.start, end: m.end, cls: "evidence", title: "evidence" }];
    if (m.sentence_start !== undefined) spans.push({ start: m.sentence_start, end: m.sentence_end, cls: "sentence", title: "evidence sentence" });
    return h("section", { class: "card mention", id: `mention-${k}` },
      h("h2", {}, h("a", { href: `#/report/${encodeURIComponent(m.report_id)}`, text: r ? (r.title || r.id) : m.report_id })),
      h("div", { class: "muted", text: `${(r && r.outlet) || m.outlet || "unknown outlet"} · ${(r && r.published) || "undated"} · sentence ${m.sentence + 1}` }),
      h("blockquote", { class: "evidence-sentence", text: m.sentence_text || m.text }),
      r ? highlighted(r.text, spans) : h("p", { class: "muted", text: "report text not stored" }));
  });
  show(h("h1", { text: `${e.type}${e.mode ? ` (${e.mode})` : ""}: ${actors(e.source)} → ${actors(e.target)}` }),
    h("dl", { class: "kv card", id: "event-facts" },
      kv("PLOVER", `${e.type}${e.mode ? ` / ${e.mode}` : ""}${e.context.length ? ` · ${e.context.join(", ")}` : ""}`),
      kv("CAMEO", e.cameo || "—"), kv("Goldstein", e.goldstein === null ? "—" : e.goldstein),
      kv("Modality", e.modality), kv("When", when(e.date)),
      kv("Where", e.location ? `${e.location.name}${e.location.country ? `, ${e.location.country}` : ""}` : "—"),
      kv("Source", actors(e.source)), kv("Target", actors(e.target)),
      kv("Support", `${e.mentions.length} mention(s) in ${e.n_reports} report(s) from ${e.n_outlets} outlet(s)`),
      kv("Confidence", e.confidence)),
    h("h2", { text: "Mentions and evidence" }), mentions);
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
