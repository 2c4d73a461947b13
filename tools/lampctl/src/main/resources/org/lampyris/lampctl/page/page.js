// The engineer's page: asks lampctl's JSON API (never a post) and draws the street, a post's detail, its last night
// and a rollout's progress. No library but uPlot, which lampctl serves from its own JAR.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const W = 600, H = 420, PAD = 24;
let selected = null;
let chart = null;

async function getJson(url) {
  const r = await fetch(url, { cache: "no-store" });
  if (!r.ok) {
    throw new Error(url + ": " + r.status);
  }
  return r.json();
}

function el(tag, attrs, text) {
  const e = tag.startsWith("svg:") ? document.createElementNS(SVG, tag.slice(4)) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    e.setAttribute(k, v);
  }
  if (text !== undefined) {
    e.textContent = text;
  }
  return e;
}

function stateOf(p) {
  if (!p.reachable) {
    return "unreachable";
  }
  return p.health === "ok" && !p.lastError ? "ok" : "degraded";
}

// Longitude is squeezed by the cosine of the latitude, so that a street keeps its shape; posts without a site stand
// in a row at the bottom.
function project(posts) {
  const placed = posts.filter(p => p.latitude !== null && p.longitude !== null);
  const lat0 = placed.length ? placed.reduce((s, p) => s + p.latitude, 0) / placed.length : 0;
  const k = Math.cos(lat0 * Math.PI / 180);
  const xs = placed.map(p => p.longitude * k), ys = placed.map(p => p.latitude);
  const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
  const span = Math.max(maxX - minX, maxY - minY, 1e-6);
  const scale = Math.min((W - 2 * PAD) / span, (H - 3 * PAD) / span);
  const where = new Map();
  placed.forEach(p => {
    const x = (W - (maxX - minX) * scale) / 2 + (p.longitude * k - minX) * scale;
    const y = (H - PAD - (maxY - minY) * scale) / 2 + (maxY - p.latitude) * scale;
    where.set(p.id, [x, y]);
  });
  posts.filter(p => !where.has(p.id)).forEach((p, i) => where.set(p.id, [PAD + i * 16 % (W - 2 * PAD),
    H - PAD / 2 - Math.floor(i * 16 / (W - 2 * PAD)) * 12]));
  return where;
}

function drawStreet(street) {
  const plan = document.getElementById("plan");
  plan.replaceChildren();
  const where = project(street.posts);
  for (const p of street.posts) {
    const [x, y] = where.get(p.id);
    const c = el("svg:circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 7, "data-id": p.id, "data-host": p.host,
      class: ["post", stateOf(p), p.failSafe ? "failsafe" : "", p.development ? "development" : "",
        p.id === selected ? "selected" : ""].join(" ").trim() });
    c.appendChild(el("svg:title", {}, (p.post || p.host) + ": " + stateOf(p) + (p.failSafe ? ", fail-safe" : "")
      + (p.development ? ", development post" : "") + (p.lastError ? "\n" + p.lastError : "")));
    c.addEventListener("click", () => showPost(p.id).catch(e => {
      document.getElementById("detail-note").textContent = "lampctl does not answer: " + e.message;
    }));
    plan.appendChild(c);
    plan.appendChild(el("svg:text", { x: (x + 9).toFixed(1), y: (y + 3).toFixed(1) }, p.post || p.host));
  }
  const count = s => street.posts.filter(p => stateOf(p) === s).length;
  document.getElementById("summary").textContent = street.posts.length + " of " + street.total + " posts asked: "
    + count("ok") + " healthy, " + count("degraded") + " degraded, " + count("unreachable") + " unreachable, "
    + street.posts.filter(p => p.failSafe).length + " on fail-safe"
    + (street.asked ? " (at " + new Date(street.asked).toLocaleTimeString() + ")" : "");
}

function row(table, cells) {
  const tr = el("tr");
  cells.forEach(c => tr.appendChild(el("td", {}, c)));
  table.appendChild(tr);
}

async function showPost(id) {
  selected = id;
  document.querySelectorAll("#plan circle.post").forEach(c =>
    c.classList.toggle("selected", Number(c.dataset.id) === id));
  document.getElementById("detail-note").textContent = "asking the post…";
  const d = await getJson("api/posts/" + id);
  if (selected !== id) {
    return;
  }
  document.getElementById("detail-title").textContent = (d.post || "post") + " at " + d.host;
  document.getElementById("detail-note").textContent = d.reachable ? (d.lastError || "") : "unreachable: "
    + d.lastError;
  const facts = document.getElementById("facts");
  facts.replaceChildren();
  row(facts, ["health", d.health || "-"]);
  row(facts, ["fail-safe", d.failSafe ? "holds the light" : "off"]);
  row(facts, ["development post", d.development ? "yes" : "no"]);
  for (const [path, value] of Object.entries(d.points)) {
    row(facts, [path, value]);
  }
  const plugins = document.querySelector("#plugins tbody");
  plugins.replaceChildren();
  for (const [bsn, version] of Object.entries(d.plugins)) {
    row(plugins, [bsn, version]);
  }
  showHistory(id);
}

async function showHistory(id) {
  const note = document.getElementById("chart-note");
  const box = document.getElementById("chart");
  note.textContent = "reading the post's history…";
  const h = await getJson("api/posts/" + id + "/history");
  if (selected !== id) {
    return;
  }
  if (chart) {
    chart.destroy();
    chart = null;
  }
  box.dataset.points = "0";
  const level = h.series["light/level"] || [];
  if (!h.available || level.length === 0) {
    note.textContent = "no history" + (h.missing && h.missing.length ? " (" + h.missing[0] + ")" : "");
    return;
  }
  // One time axis: the light level's; power and presence are looked up at its times (the last value before).
  const times = level.map(p => p[0]);
  const at = (series, t) => {
    let v = null;
    for (const p of series || []) {
      if (p[0] > t) {
        break;
      }
      v = p[1];
    }
    return v;
  };
  const power = times.map(t => at(h.series["light/power"], t));
  const presence = times.map(t => at(h.series["count/presence"], t));
  note.textContent = level.length + " readings of the light level";
  chart = new uPlot({
    width: Math.max(300, box.clientWidth || 400), height: 220,
    // Presence keeps to the bottom third, under the light it boosts.
    scales: { x: { time: true }, pct: { range: [0, 100] }, n: { range: (u, min, max) => [0, Math.max(1, max) * 3] } },
    series: [{}, { label: "light %", scale: "pct", stroke: "#e0a020", width: 2 },
      { label: "power W", scale: "W", stroke: "#2e6fd6" },
      { label: "presence", scale: "n", stroke: "#2e9b4f", paths: uPlot.paths.stepped({ align: 1 }) }],
    axes: [{}, { scale: "pct", label: "%" }, { scale: "W", side: 1, label: "W" }],
  }, [times, level.map(p => p[1]), power, presence], box);
  box.dataset.points = String(times.length);
}

async function showRollout() {
  const r = await getJson("api/rollout");
  const text = document.getElementById("rollout-text");
  const bar = document.getElementById("rollout-bar");
  if (!r.bundle) {
    text.textContent = "no rollout yet";
    return;
  }
  const c = r.counts;
  const done = c.updated + c.refused + c.unreachable;
  text.textContent = r.bundle + " " + r.version + ": " + r.phase + ", wave " + r.wave + " of " + r.waves + "; "
    + c.updated + " updated, " + (c.refused + c.unreachable) + " failed, " + c.updating + " updating, of "
    + r.posts + " posts";
  bar.max = Math.max(1, r.posts);
  bar.value = done;
}

async function refresh() {
  try {
    drawStreet(await getJson("api/posts"));
    await showRollout();
  } catch (e) {
    document.getElementById("summary").textContent = "lampctl does not answer: " + e.message;
  }
}

refresh();
setInterval(refresh, 5000);
