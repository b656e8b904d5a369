"use strict";
// The dashboard: one set of incidents (the filters' answer from /api/incidents) drives the map,
// the region table and the timeline, so the three always agree.
const token = new URLSearchParams(location.search).get("token");
const headers = token ? {Authorization: "Bearer " + token} : {};
const TYPES = {missile_strike: "#ff7b72", drone_strike: "#d2a8ff", air_strike: "#79c0ff", shelling: "#ffa657",
               strike_unspecified: "#8b949e"};
const MAX_PAGES = 10;  // 10 × 1000 incidents: beyond that the map is a blur anyway
const $ = id => document.getElementById(id);
const esc = s => String(s ?? "").replace(/[&<>"']/g, c => ({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
const state = {incidents: [], newest: null, selected: null, lastBody: "", countries: new Map(), fitted: false, turn: 0};

// Unknown is not zero: no figure reads n/r; a lower bound reads ≥.
function figure(f, {ranges = true} = {}) {
  if (f == null) return `<span class="nr">n/r</span>`;
  const best = (f.lower_bound ? "≥" : "") + f.best;
  return ranges && f.low !== f.high ? `${best} <span class="range">(${f.low}–${f.high})</span>` : best;
}

// A sum over incidents: only those that reported a figure add up; the rest are counted as n/r.
function total(incidents, field) {
  const stated = incidents.map(i => i[field]).filter(f => f != null);
  if (!stated.length) return `<span class="nr">n/r</span>`;
  const sum = k => stated.reduce((s, f) => s + f[k], 0);
  const text = figure({low: sum("low"), best: sum("best"), high: sum("high"), lower_bound: stated.some(f => f.lower_bound)});
  const missing = incidents.length - stated.length;
  return missing ? `${text} <span class="nr">+${missing} n/r</span>` : text;
}

async function getJSON(url) {
  const res = await fetch(url, {headers});
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return res.text();
}

// ---- filters ---------------------------------------------------------------------------------
function addDays(day, n) {
  const d = new Date(day + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function filters() {
  const period = $("period").value;
  let from = $("from").value, to = $("to").value;
  if (period !== "custom") {
    to = period === "all" ? "" : (state.newest || "");
    from = period === "all" || !state.newest ? "" : addDays(state.newest, 1 - Number(period));
    $("from").value = from; $("to").value = to;
  }
  const params = new URLSearchParams();
  if (from) params.set("from", from);
  if (to) params.set("to", to);
  if ($("country").value) params.set("country", $("country").value);
  if ($("type").value) params.set("type", $("type").value);
  return params;
}

async function fetchIncidents(params) {
  let all = [], cursor = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = new URLSearchParams(params);
    query.set("limit", "1000");
    if (cursor) query.set("cursor", cursor);
    const data = JSON.parse(await getJSON(`/api/incidents?${query}`));
    all = all.concat(data.incidents);
    cursor = data.next_cursor;
    if (!cursor) break;
  }
  return all;
}

function rememberCountries(incidents, force = false) {
  let added = force;
  for (const i of incidents) {
    if (!state.countries.has(i.country)) { state.countries.set(i.country, i.country); added = true; }
  }
  if (!added) return;
  const select = $("country"), current = select.value;
  const codes = [...state.countries.keys()].sort((a, b) => countryName(a).localeCompare(countryName(b)));
  select.innerHTML = `<option value="">all</option>` +
    codes.map(c => `<option value="${esc(c)}">${esc(countryName(c))} (${esc(c)})</option>`).join("");
  select.value = current;
}

// ---- map ------------------------------------------------------------------------------------
const map = L.map("map", {worldCopyJump: true, minZoom: 2, maxZoom: 12, zoomSnap: 0.5}).setView([45, 30], 4);
const clusters = L.markerClusterGroup({maxClusterRadius: 28, spiderfyOnMaxZoom: true, showCoverageOnHover: false,
                                       disableClusteringAtZoom: 10});
map.addLayer(clusters);
const names = {};
const countryName = code => names[code] || code;
fetch("/static/map/countries.geojson", {headers}).then(r => r.json()).then(outlines => {
  for (const f of outlines.features) if (f.properties.iso_a2) names[f.properties.iso_a2] = f.properties.name;
  L.geoJSON(outlines, {interactive: false, style: {color: "#3a4756", weight: 0.8, fillColor: "#1d252e", fillOpacity: 1}})
    .addTo(map).bringToBack();
  rememberCountries([], true);  // the options now read as names
});
$("legend").innerHTML = Object.entries(TYPES).map(([t, c]) => `<span><i style="background:${c}"></i>${t.replace("_", " ")}</span>`).join("")
  + `<span>circle size: best killed</span>`;

const markers = new Map();  // incident_id -> circle marker (the browser test reads this)
window.strikewatch = {map, clusters, markers, state};

function radius(incident) {
  const killed = incident.killed ? incident.killed.best : 0;
  return 5 + 3 * Math.sqrt(killed);
}

function popup(i) {
  const reports = i.reports.map(r => `<div class="report">
      <b>${esc(r.source || "unknown outlet")}</b> · ${esc(r.published_at.slice(0, 10))}
      ${r.url ? ` · <a class="source" href="${esc(r.url)}" target="_blank" rel="noopener">source</a>` : ""}
      ${r.evidence.map(e => `<div class="evidence">“${esc(e.text)}”</div>`).join("")}</div>`).join("");
  return `<div class="popup" data-incident="${esc(i.incident_id)}">
    <b>${esc(i.date)}</b> · ${esc(i.place || i.region_name || i.region)}, ${esc(countryName(i.country))}<br>
    ${esc(i.event_type.replace("_", " "))}${i.weapons.length ? " · " + esc(i.weapons.join(", ")) : ""}<br>
    killed <span class="killed">${figure(i.killed)}</span> · wounded <span class="wounded">${figure(i.wounded)}</span>
    · ${i.reports.length} report(s)${reports}</div>`;
}

function drawMarkers(incidents) {
  clusters.clearLayers();
  markers.clear();
  const layers = [];
  for (const i of incidents) {
    if (i.lat == null || i.lon == null) continue;
    const marker = L.circleMarker([i.lat, i.lon], {radius: radius(i), color: TYPES[i.event_type] || "#8b949e",
      weight: 1.5, fillOpacity: 0.55, className: `incident incident-${i.incident_id}`});
    marker.incidentId = i.incident_id;
    marker.bindPopup(() => popup(i), {maxWidth: 360, maxHeight: 260});
    markers.set(i.incident_id, marker);
    layers.push(marker);
  }
  clusters.addLayers(layers);
  if (!state.fitted && layers.length) {
    map.fitBounds(L.featureGroup(layers).getBounds(), {padding: [30, 30], maxZoom: 7});
    state.fitted = true;
  }
}

// ---- table and timeline ------------------------------------------------------------------------
function spark(values, w = 6, h = 18) {
  const max = Math.max(1, ...values);
  return `<svg width="${values.length * w}" height="${h}">` + values.map((v, i) =>
    `<rect x="${i * w}" y="${h - h * v / max}" width="${w - 1}" height="${h * v / max}" fill="#d29922"/>`).join("") + "</svg>";
}

function byRegion(incidents) {
  const regions = new Map();
  for (const i of incidents) {
    if (!regions.has(i.region)) regions.set(i.region, {region: i.region, name: i.region_name, country: i.country, incidents: []});
    regions.get(i.region).incidents.push(i);
  }
  return [...regions.values()].sort((a, b) => b.incidents.length - a.incidents.length || a.region.localeCompare(b.region));
}

function lastDays(incidents, end, n = 14) {
  const counts = new Array(n).fill(0);
  for (const i of incidents) {
    const offset = Math.round((Date.parse(end) - Date.parse(i.date)) / 86400000);
    if (offset >= 0 && offset < n) counts[n - 1 - offset]++;
  }
  return counts;
}

function drawTable(incidents) {
  const end = $("to").value || state.newest;
  const rows = byRegion(incidents);
  $("empty").style.display = rows.length ? "none" : "block";
  $("empty").textContent = state.newest ? "No incident matches these filters." : "Waiting for incidents…";
  document.querySelector("#regions tbody").innerHTML = rows.map(r => `
    <tr class="region ${r.region === state.selected ? "selected" : ""}" data-region="${esc(r.region)}" data-country="${esc(r.country)}">
      <td>${esc(r.name || r.region)} <span class="muted">${esc(r.region)}</span></td>
      <td class="num">${r.incidents.length}</td>
      <td class="num">${total(r.incidents, "killed")}</td><td class="num">${total(r.incidents, "wounded")}</td>
      <td class="num">${r.incidents.reduce((s, i) => s + i.reports.length, 0)}</td>
      <td>${spark(lastDays(r.incidents, end))}</td></tr>`).join("");
}

function chart(incidents, id) {
  const days = new Map();
  for (const i of incidents) {
    const d = days.get(i.date) || {date: i.date, strikes: 0, killed: 0};
    d.strikes++; d.killed += i.killed ? i.killed.best : 0;
    days.set(i.date, d);
  }
  const series = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  const W = 560, H = 150, pad = 24, n = series.length;
  if (!n) return "";
  const maxS = Math.max(1, ...series.map(d => d.strikes)), maxK = Math.max(1, ...series.map(d => d.killed));
  const bw = Math.min(40, (W - pad) / n);  // a day or two must not become one wall of colour
  const bars = series.map((d, i) => `<rect class="bar" x="${pad + i * bw}" y="${H - pad - (H - 2 * pad) * d.strikes / maxS}"
      width="${Math.max(1, bw - 2)}" height="${(H - 2 * pad) * d.strikes / maxS}" fill="#d29922"><title>${d.date}: ${d.strikes} incidents, ${d.killed} killed (reported)</title></rect>`).join("");
  const line = series.map((d, i) => `${pad + i * bw + bw / 2},${H - pad - (H - 2 * pad) * d.killed / maxK}`).join(" ");
  return `<svg id="${id}" viewBox="0 0 ${W} ${H}" width="100%" style="max-width: ${W}px">${bars}<polyline points="${line}" fill="none" stroke="#ff7b72" stroke-width="2"/>
    <text x="${pad}" y="${H - 6}">${series[0].date}</text>${n > 1 ? `<text x="${Math.max(pad + 70, pad + n * bw - 60)}" y="${H - 6}">${series[n - 1].date}</text>` : ""}
    <text x="0" y="12">incidents per day (bars) · killed, reported (line)</text></svg>`;
}

function drawDetail() {
  const code = state.selected;
  if (!code) return;
  const own = state.incidents.filter(i => i.region === code);
  const name = own.length ? own[0].region_name : code;
  $("detail").innerHTML = `<h2>${esc(name)} <span class="muted">${esc(code)}</span></h2>
    ${chart(own, "chart")}
    ${own.slice(0, 50).map(i => `<div class="incident" data-incident="${esc(i.incident_id)}"><b>${esc(i.date)}</b>
      ${esc(i.place || "(region)")} · ${esc(i.event_type.replace("_", " "))} · killed ${figure(i.killed)} ·
      wounded ${figure(i.wounded)} · ${i.reports.length} report(s)
      ${i.reports.map(r => r.evidence.slice(0, 1).map(e => `<div class="evidence">“${esc(e.text)}”
        <span class="muted">— ${r.url ? `<a href="${esc(r.url)}" target="_blank" rel="noopener">${esc(r.source || "source")}</a>` : esc(r.source || "")}</span></div>`).join("")).join("")}
      </div>`).join("")}`;
}

// ---- refresh loop: live while articles arrive --------------------------------------------------
async function refresh() {
  const turn = ++state.turn;  // a slower, older refresh must not draw over a newer filter's answer
  try {
    // the newest day of all: a period of 'the last 7 days' moves with the news
    const newest = JSON.parse(await getJSON("/api/incidents?limit=1")).incidents[0];
    state.newest = newest ? newest.date : null;
    const params = filters();
    const incidents = await fetchIncidents(params);
    if (turn !== state.turn) return;
    const body = params.toString() + JSON.stringify(incidents.map(i => [i.incident_id, i.updated_at]));
    $("status").textContent = `${incidents.length} incident(s)` + (state.newest ? ` · newest ${state.newest}` : "");
    if (body === state.lastBody) return;
    state.lastBody = body;
    state.incidents = incidents;
    if (!$("country").value) rememberCountries(incidents);
    drawMarkers(incidents);
    drawTable(incidents);
    $("timeline").innerHTML = chart(incidents, "overview");
    drawDetail();
  } catch (e) {
    $("status").textContent = "worker unreachable; retrying";  // it may be restarting: keep what is shown
  }
}

for (const [t] of Object.entries(TYPES)) $("type").insertAdjacentHTML("beforeend", `<option value="${t}">${t.replace("_", " ")}</option>`);
for (const id of ["country", "type", "period"]) $(id).addEventListener("change", () => { state.lastBody = ""; refresh(); });
for (const id of ["from", "to"]) $(id).addEventListener("change", () => { $("period").value = "custom"; state.lastBody = ""; refresh(); });
document.querySelector("#regions tbody").addEventListener("click", e => {
  const row = e.target.closest("tr.region");
  if (!row) return;
  state.selected = row.dataset.region;
  document.querySelectorAll("#regions tr.region").forEach(r => r.classList.toggle("selected", r === row));
  drawDetail();
});
// Live: every 2 s while the filters select one page of incidents; a long history is re-read every 10 s.
async function loop() {
  await refresh();
  setTimeout(loop, state.incidents.length > 1000 ? 10000 : 2000);
}
loop();
