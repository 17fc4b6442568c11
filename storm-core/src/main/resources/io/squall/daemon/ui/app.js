// The Squall dashboard: one page, two views (#/ for the cluster, #/topology/NAME for a topology).
// Each view shows "Loading…" until its first data, read at once from the JSON API; then a WebSocket
// pushes the same JSON every second.
'use strict';

const HISTORY = 120;
const state = { ws: null, sub: null, window: '10m', history: [], topology: null, component: null, tap: null };

function $(id) { return document.getElementById(id); }

function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function num(n) { return n == null ? '' : Math.round(n).toLocaleString('en-US'); }
function rate(r) {
  if (!r) return '0/s';
  if (r >= 1e6) return (r / 1e6).toFixed(2) + 'M/s';
  if (r >= 1e3) return (r / 1e3).toFixed(1) + 'k/s';
  return r.toFixed(r < 10 ? 1 : 0) + '/s';
}
function ms(v) { return v == null ? '' : (v >= 100 ? v.toFixed(0) : v.toFixed(3)); }
function pct(v) { return (v * 100).toFixed(1) + '%'; }
function bytes(b) { return (b / 1048576).toFixed(0) + ' MB'; }
function dur(s) {
  const h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, sec = s % 60;
  return (h ? h + 'h ' : '') + (h || m ? m + 'm ' : '') + sec + 's';
}
function time(t) { return new Date(t).toLocaleTimeString(); }

function cell(component, field, text, cls) {
  return '<td data-component="' + esc(component) + '" data-field="' + field + '"' + (cls ? ' class="' + cls + '"' : '')
    + '>' + text + '</td>';
}

function table(id, head, rows, empty) {
  if (!rows.length) return '<p class="muted" id="' + id + '">' + empty + '</p>';
  return '<table id="' + id + '"><thead><tr>' + head.map(h => '<th>' + h + '</th>').join('') + '</tr></thead><tbody>'
    + rows.join('') + '</tbody></table>';
}

const LOADING = '<p class="muted loading">Loading…</p>';

function notice(text, ok) {
  const n = $('notice');
  if (!n) return;
  n.textContent = text;
  n.className = ok ? 'ok' : 'show';
}

// ---- routing and the live connection

function route() {
  if (componentRoute()) return;                            // A component page (tap.js).
  const m = location.hash.match(/^#\/topology\/(.+)$/);
  state.history = [];
  if (m) {
    state.topology = decodeURIComponent(m[1]);
    topologySkeleton(state.topology);
    state.sub = { topology: state.topology, window: state.window };
  } else {
    state.topology = null;
    clusterSkeleton();
    state.sub = {};
  }
  subscribe();
  loadNow();
}

// The first snapshot, from the HTTP API, so the page does not wait for the WebSocket's first push.
async function loadNow() {
  const topology = state.topology;
  const url = topology === null ? '/api/v1/cluster/summary'
    : '/api/v1/topologies/' + encodeURIComponent(topology) + '?window=' + encodeURIComponent(state.window);
  try {
    const res = await fetch(url);
    const body = await res.json();
    if (state.topology !== topology) return;               // The page moved on meanwhile.
    if (!res.ok) notice(body.error, false);
    else if (topology === null) renderCluster(body);
    else if (!document.body.dataset.updates) renderTopology(body);
  } catch (e) {
    notice('Cannot reach the dashboard: ' + e, false);
  }
}

function subscribe() {
  if (!state.ws || state.ws.readyState !== WebSocket.OPEN) return;
  state.ws.send(JSON.stringify(state.sub));
  if (state.tap) state.ws.send(JSON.stringify({ tap: state.tap }));
}

function connect() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  state.ws = ws;
  ws.onopen = () => { $('live').textContent = 'live'; $('live').className = 'live'; subscribe(); };
  ws.onclose = () => {
    $('live').textContent = 'offline'; $('live').className = 'live off';
    setTimeout(connect, 1000);
  };
  ws.onmessage = ev => {
    const msg = JSON.parse(ev.data);
    document.body.dataset.updates = (+document.body.dataset.updates || 0) + 1;
    if (state.component && onComponentMessage(msg)) return;
    if (msg.type === 'cluster' && !state.topology) renderCluster(msg.data);
    else if (msg.type === 'topology' && state.topology && msg.data.summary.name === state.topology) renderTopology(msg.data);
    else if (msg.type === 'error') notice(msg.error, false);
  };
}

// ---- cluster view

function clusterSkeleton() {
  $('crumb').textContent = 'Cluster';
  $('app').innerHTML = '<div id="notice"></div><section class="card"><h2>Cluster summary</h2><div id="cluster">' + LOADING
    + '</div></section><section class="card"><h2>Supervisors</h2><div id="supervisors">' + LOADING + '</div></section>'
    + '<section class="card"><h2>Topologies</h2><div id="topologies">' + LOADING + '</div></section>'
    + '<section class="card"><h2>DRPC servers</h2><div id="drpc">' + LOADING + '</div></section>';
  loadDrpc();
}

// "4 of 10" when a topology runs on fewer workers than it asked for.
function workers(t) {
  return t.workersRequested > t.workers
    ? '<span class="warn-text" title="Not enough free slots (or executors) for the workers asked for">' + t.workers
      + ' of ' + t.workersRequested + '</span>'
    : String(t.workers);
}

function renderCluster(c) {
  $('cluster').innerHTML = table('cluster-table', ['Mode', 'Version', 'Supervisors', 'Slots used', 'Slots total', 'Topologies'],
    ['<tr><td>' + esc(c.mode) + '</td><td>' + esc(c.version) + '</td><td>' + c.supervisors + '</td><td>' + c.slotsUsed
      + '</td><td>' + c.slotsTotal + '</td><td>' + c.topologyList.length + '</td></tr>'], '');
  $('topologies').innerHTML = table('topologies-table', ['Name', 'Status', 'Uptime', 'Workers', 'Executors', 'Tasks'],
    c.topologyList.map(t => '<tr><td><a href="#/topology/' + encodeURIComponent(t.name) + '">' + esc(t.name) + '</a></td>'
      + '<td><span class="badge ' + t.status + '">' + t.status + '</span></td><td>' + dur(t.uptimeSecs) + '</td><td>'
      + workers(t) + '</td><td>' + t.executors + '</td><td>' + t.tasks + '</td></tr>'), 'No topology is running.');
  $('supervisors').innerHTML = table('supervisors-table', ['Host', 'Id', 'Slots used', 'Slots free', 'Uptime'],
    (c.supervisorList || []).map(s => '<tr><td>' + esc(s.host) + '</td><td>' + esc(s.id) + '</td><td>' + s.slotsUsed
      + '</td><td>' + s.slotsFree + '</td><td>' + dur(s.uptimeSecs) + '</td></tr>'), 'No supervisor is alive.');
}

// ---- topology view

function topologySkeleton(name) {
  $('crumb').innerHTML = '<a href="#/" style="color:#fff">Cluster</a> / ' + esc(name);
  $('app').innerHTML = '<div id="notice"></div>'
    + '<h1>' + esc(name) + ' <span id="status" class="badge"></span> <span id="uptime" class="muted"></span></h1>'
    + '<div class="toolbar">'
    + '<label>Window <select id="window">' + ['10m', '3h', '1d', 'all'].map(w => '<option' + (w === state.window ? ' selected' : '')
      + '>' + w + '</option>').join('') + '</select></label>'
    + '<button id="btn-activate">Activate</button><button id="btn-deactivate">Deactivate</button>'
    + '<button id="btn-rebalance">Rebalance</button><button id="btn-kill" class="danger">Kill</button></div>'
    + '<div class="row"><section class="card"><h2>Topology graph</h2><div id="graph">' + LOADING + '</div></section>'
    + '<section class="card"><h2>Live</h2><div id="charts">' + LOADING + '</div></section></div>'
    + '<section class="card"><h2>Spouts</h2><div id="spouts">' + LOADING + '</div></section>'
    + '<section class="card"><h2>Bolts</h2><div id="bolts">' + LOADING + '</div></section>'
    + '<div class="row"><section class="card"><h2>Why spout tuples failed</h2><div id="failures">' + LOADING + '</div></section>'
    + '<section class="card"><h2>Backpressure</h2><div id="backpressure">' + LOADING + '</div></section></div>'
    + '<section class="card" id="checkpoints-card" style="display: none"><h2>Checkpoints</h2><div id="checkpoints"></div></section>'
    + '<section class="card"><h2>Recent errors</h2><div id="errors">' + LOADING + '</div></section>'
    + '<section class="card"><h2>Tasks</h2><div id="tasks">' + LOADING + '</div></section>'
    + '<div class="row"><section class="card"><h2>Worker JVMs</h2><div id="jvms">' + LOADING + '</div></section>'
    + '<section class="card"><h2>User metrics</h2><div id="user">' + LOADING + '</div></section></div>';
  $('window').onchange = e => { state.window = e.target.value; state.sub.window = state.window; subscribe(); };
  $('btn-activate').onclick = () => act(name, 'activate', confirm('Activate topology ' + name + '?'));
  $('btn-deactivate').onclick = () => act(name, 'deactivate', confirm('Deactivate topology ' + name + '? Its spouts stop emitting.'));
  $('btn-rebalance').onclick = () => {
    const w = prompt('Rebalance ' + name + ' over how many workers?', '1');
    if (w !== null) act(name, 'rebalance?workers=' + encodeURIComponent(w), true);
  };
  $('btn-kill').onclick = () => {
    const w = prompt('Kill topology ' + name + '? Seconds to wait with its spouts deactivated first:', '0');
    if (w !== null) act(name, 'kill?wait=' + encodeURIComponent(w), true);
  };
}

async function act(name, action, confirmed) {
  if (!confirmed) return;
  try {
    const res = await fetch('/api/v1/topologies/' + encodeURIComponent(name) + '/' + action, { method: 'POST' });
    const body = await res.json();
    if (res.ok) notice(body.message || body.action + ': done', true); else notice(body.error, false);
  } catch (e) {
    notice('Request failed: ' + e, false);
  }
}

function componentLink(id) {
  return '<a href="#/topology/' + encodeURIComponent(state.topology) + '/component/' + encodeURIComponent(id) + '">'
    + esc(id) + '</a>';
}

function renderTopology(d) {
  const s = d.summary, m = d.metrics;
  $('status').textContent = s.status;
  $('status').className = 'badge ' + s.status;
  // Only the actions this user may take on the topology are shown (its owner, topology.users, nimbus.admins).
  const allowed = s.actions || [];
  ['activate', 'deactivate', 'rebalance', 'kill'].forEach(a => { $('btn-' + a).hidden = !allowed.includes(a); });
  $('uptime').textContent = 'up ' + dur(s.uptimeSecs) + ' · '
    + (s.workersRequested > s.workers ? s.workers + ' of the ' + s.workersRequested + ' workers asked for'
      : s.workers + ' worker(s)') + ' · ' + s.executors + ' executors · ' + s.tasks + ' tasks (ackers not counted)';
  if (!m) {
    const waiting = '<p class="muted">Waiting for the first metrics report from the workers…</p>';
    ['graph', 'charts', 'spouts', 'bolts', 'failures', 'backpressure', 'errors', 'tasks', 'jvms', 'user']
      .forEach(id => { $(id).innerHTML = waiting; });
    return;
  }
  record(m);
  renderGraph(d.components, m);
  renderCharts();
  $('spouts').innerHTML = table('spouts-table',
    ['Spout', 'Executors', 'Emitted', 'Transferred', 'Acked', 'Failed', 'Timed out', 'Complete latency ms (mean)',
      'p50 / p99 / max ms (recent)', 'Emit rate', 'Errors'],
    m.spouts.map(c => '<tr>' + cell(c.id, 'id', componentLink(c.id)) + cell(c.id, 'executors', c.executors) + cell(c.id, 'emitted', num(c.emitted))
      + cell(c.id, 'transferred', num(c.transferred)) + cell(c.id, 'acked', num(c.acked))
      + cell(c.id, 'failed', num(c.failed), c.failed ? 'bad' : '') + cell(c.id, 'timedOut', num(c.timedOut), c.timedOut ? 'bad' : '')
      + cell(c.id, 'completeLatency', ms(c.completeLatencyMs))
      + cell(c.id, 'recentLatency', ms(c.recentLatency.p50Ms) + ' / ' + ms(c.recentLatency.p99Ms) + ' / ' + ms(c.recentLatency.maxMs))
      + cell(c.id, 'emitRate', rate(c.emitRate)) + cell(c.id, 'errors', num(c.errors), c.errors ? 'bad' : '') + '</tr>'),
    'No spout has reported yet.');
  $('bolts').innerHTML = table('bolts-table',
    ['Bolt', 'Executors', 'Executed', 'Emitted', 'Transferred', 'Acked', 'Failed', 'Execute latency ms', 'Process latency ms',
      'Capacity', 'Execute rate', 'Queue', 'Late tuples', 'Errors'],
    m.bolts.map(c => '<tr>' + cell(c.id, 'id', componentLink(c.id)) + cell(c.id, 'executors', c.executors) + cell(c.id, 'executed', num(c.executed))
      + cell(c.id, 'emitted', num(c.emitted)) + cell(c.id, 'transferred', num(c.transferred)) + cell(c.id, 'acked', num(c.acked))
      + cell(c.id, 'failed', num(c.failed), c.failed ? 'bad' : '') + cell(c.id, 'executeLatency', ms(c.executeLatencyMs))
      + cell(c.id, 'processLatency', ms(c.processLatencyMs)) + cell(c.id, 'capacity', pct(c.capacity), c.capacity > 0.8 ? 'warn' : '')
      + cell(c.id, 'executeRate', rate(c.executeRate)) + cell(c.id, 'queue', num(c.queuePopulation) + ' / ' + num(c.queueCapacity))
      + cell(c.id, 'lateTuples', num(c.lateTuples), c.lateTuples ? 'warn' : '')
      + cell(c.id, 'errors', num(c.errors), c.errors ? 'bad' : '') + '</tr>'),
    'No bolt has reported yet.');
  renderFailures(m);
  renderBackpressure(m);
  renderErrors(m);
  renderCheckpoints(m);
  $('tasks').innerHTML = table('tasks-table', ['Component', 'Task', 'Emitted', 'Executed', 'Acked', 'Failed'],
    m.spouts.concat(m.bolts).flatMap(c => c.taskCounts.map(t => '<tr><td>' + esc(c.id) + '</td><td>' + t.task + '</td><td>'
      + num(t.emitted) + '</td><td>' + num(t.executed) + '</td><td>' + num(t.acked) + '</td><td>' + num(t.failed) + '</td></tr>')),
    'No tasks reported.');
  const logs = d.logviewer ? ['Log'] : [];
  $('jvms').innerHTML = table('jvm-table', ['Worker', 'Heap used', 'Heap max', 'Non-heap', 'GC count', 'GC time ms', 'Threads']
    .concat(logs),
    Object.entries(m.jvms).map(([w, j]) => '<tr><td>' + esc(w) + '</td><td>' + bytes(j.heapUsedBytes) + '</td><td>'
      + bytes(j.heapMaxBytes) + '</td><td>' + bytes(j.nonHeapUsedBytes) + '</td><td>' + num(j.gcCount) + '</td><td>'
      + num(j.gcTimeMs) + '</td><td>' + j.threads + '</td>'
      + (d.logviewer ? '<td>' + workerLogLink(d.logviewer, s.id, w) + '</td>' : '') + '</tr>'), '');
  $('user').innerHTML = table('user-table', ['Metric', 'Value'],
    Object.entries(m.userMetrics).map(([k, v]) => '<tr><td>' + esc(k) + '</td><td>' + (Math.abs(v) < 100 ? v.toFixed(2) : num(v))
      + '</td></tr>'), 'No user metrics registered.');
}

// A link to a worker's log ("host:port") on its host's logviewer, as Storm's UI links its workers; the supervisor
// writes it as worker-TOPOLOGY_ID-PORT.log. Empty for a worker whose name is not host:port (local mode).
function workerLogUrl(lv, topologyId, worker) {
  const i = worker.lastIndexOf(':');
  if (!lv || !topologyId || i <= 0 || !/^\d+$/.test(worker.slice(i + 1))) return '';
  const host = worker.slice(0, i), port = worker.slice(i + 1);
  return lv.scheme + '://' + (host.includes(':') ? '[' + host + ']' : host) + ':' + lv.port + '/api/v1/log?file='
    + encodeURIComponent('worker-' + topologyId + '-' + port + '.log');
}

function workerLogLink(lv, topologyId, worker) {
  const url = workerLogUrl(lv, topologyId, worker);
  return url ? '<a class="worker-log" data-worker="' + esc(worker) + '" href="' + esc(url)
    + '" target="_blank" rel="noopener">log</a>' : '';
}

// Checkpoints of a topology with stateful bolts, from the metrics the checkpoint spout and the stateful tasks
// register (user.COMPONENT.TASK.NAME): the last committed checkpoint, its duration, the failures, and per task the
// state's size, the keys its last checkpoint wrote, the tuples a stateful window held and the barrier alignment time.
function renderCheckpoints(m) {
  const spout = {}, tasks = {};
  Object.entries(m.userMetrics).forEach(([k, v]) => {
    const p = /^user\.(.+?)\.(\d+)\.((?:checkpoint|state|window)\..+)$/.exec(k);
    if (!p) return;
    if (p[1] === '$checkpointspout') { spout[p[3]] = v; return; }
    const key = p[1] + '/' + p[2];
    (tasks[key] = tasks[key] || { component: p[1], task: +p[2] })[p[3]] = v;
  });
  $('checkpoints-card').style.display = 'checkpoint.committed-txid' in spout ? '' : 'none';
  if (!('checkpoint.committed-txid' in spout)) return;
  const failures = spout['checkpoint.failures'] || 0;
  const overdue = spout['checkpoint.overdue'] || 0;
  const summary = '<p id="checkpoint-summary">Last committed checkpoint <b data-field="committed-txid">'
    + (spout['checkpoint.committed-txid'] < 0 ? 'none yet' : num(spout['checkpoint.committed-txid'])) + '</b> · took <b data-field="duration-ms">'
    + num(spout['checkpoint.duration-ms']) + ' ms</b> · failures <b data-field="failures"' + (failures ? ' class="bad"' : '') + '>'
    + num(failures) + '</b>' + (overdue ? ' · commits later than the message timeout <b data-field="overdue" class="bad" '
    + 'title="tuples the spouts replayed meanwhile may be counted twice: see the checkpoint spout\'s errors">'
    + num(overdue) + '</b>' : '') + '</p>';
  const opt = v => v == null ? '' : num(v);
  const rows = Object.values(tasks).filter(t => 'state.size' in t || 'checkpoint.alignment-ms' in t || 'window.tuples' in t)
    .sort((a, b) => a.component.localeCompare(b.component) || a.task - b.task)
    .map(t => '<tr data-component="' + esc(t.component) + '" data-task="' + t.task + '"><td>' + esc(t.component) + '</td><td>'
      + t.task + '</td><td data-field="state-size">' + opt(t['state.size']) + '</td><td data-field="last-keys">'
      + opt(t['checkpoint.last-keys']) + '</td><td data-field="window-tuples">' + opt(t['window.tuples'])
      + '</td><td data-field="alignment-ms">' + (t['checkpoint.alignment-ms'] == null ? '' : ms(t['checkpoint.alignment-ms']))
      + '</td></tr>');
  $('checkpoints').innerHTML = summary + table('checkpoint-table',
    ['Component', 'Task', 'State size (keys)', 'Keys written by the last checkpoint', 'Tuples held by windows',
      'Alignment ms (last)'], rows, 'No stateful task has reported yet.');
}

// The last errors of each component, newest first, grouped by component.
function renderErrors(m) {
  const byComponent = {};
  m.errors.forEach(e => { (byComponent[e.component] = byComponent[e.component] || []).push(e); });
  const rows = [];
  Object.keys(byComponent).sort().forEach(c => {
    byComponent[c].forEach((e, i) => rows.push('<tr><td>' + (i === 0 ? '<b>' + esc(c) + '</b>' : '') + '</td><td>' + e.task
      + '</td><td>' + time(e.timeMillis) + '</td><td class="error-msg">' + esc(e.message) + '</td></tr>'));
  });
  $('errors').innerHTML = table('errors-table', ['Component', 'Task', 'Time', 'Error'], rows, 'No errors reported.');
}

function renderFailures(m) {
  const rows = [];
  for (const c of m.spouts) {
    rows.push('<tr><td>' + esc(c.id) + '</td><td>timed out</td><td>' + num(c.timedOut) + '</td></tr>');
    rows.push('<tr><td>' + esc(c.id) + '</td><td>failed explicitly</td><td>' + num(c.failed) + '</td></tr>');
    for (const [by, n] of Object.entries(c.failedBy)) {
      rows.push('<tr><td>' + esc(c.id) + '</td><td>&nbsp;&nbsp;… by ' + esc(by) + '</td><td>' + num(n) + '</td></tr>');
    }
  }
  $('failures').innerHTML = table('failures-table', ['Spout', 'Reason (window ' + esc(m.window) + ')', 'Tuples'], rows, 'No spouts.');
}

function renderBackpressure(m) {
  let html = '', first = true;
  for (const [worker, b] of Object.entries(m.backpressure)) {
    html += '<h3 class="worker">Worker ' + esc(worker) + '</h3>';
    html += '<p>' + (b.congested ? '<b style="color:#b91c1c">Congested now</b>' : 'Not congested') + ' · congested '
      + num(b.congestedMs) + ' ms in ' + num(b.episodes) + ' episode(s)'
      + (b.lastFirstQueue ? ' · congested first last time: <b' + (first ? ' id="first-congested"' : '') + '>'
        + esc(b.lastFirstQueue) + '</b>' : '') + '</p>';
    html += table(first ? 'queues-table' : '', ['Executor', 'Queue', 'Congested ms', 'Congested first (times)'],
      b.queues.map(q => '<tr><td>' + esc(q.executor) + '</td><td>' + num(q.population) + ' / ' + num(q.capacity) + '</td><td>'
        + num(q.congestedMs) + '</td><td>' + num(q.firstCount) + '</td></tr>'), '');
    first = false;
  }
  $('backpressure').innerHTML = html;
}

// ---- live charts

function record(m) {
  const sum = (list, f) => list.reduce((a, c) => a + f(c), 0);
  state.history.push({
    emit: sum(m.spouts, c => c.emitRate),
    ack: sum(m.spouts, c => c.ackRate),
    latency: Math.max(0, ...m.spouts.map(c => c.recentLatency.p99Ms)),
    capacity: Math.max(0, ...m.bolts.map(c => c.capacity)),
  });
  if (state.history.length > HISTORY) state.history.shift();
}

function sparkline(title, key, fmt) {
  const w = 240, h = 60, pts = state.history.map(p => p[key]);
  const max = Math.max(1e-9, ...pts);
  const step = w / Math.max(1, pts.length - 1);
  const line = pts.map((v, i) => (i * step).toFixed(1) + ',' + (h - 4 - v / max * (h - 8)).toFixed(1)).join(' ');
  const last = pts.length ? pts[pts.length - 1] : 0;
  return '<div class="chart"><div class="label">' + title + ': <b>' + fmt(last) + '</b> <span class="muted">(max ' + fmt(max)
    + ')</span></div><svg width="' + w + '" height="' + h + '"><polyline points="' + line + '"/></svg></div>';
}

function renderCharts() {
  $('charts').innerHTML = sparkline('Spout emit rate', 'emit', rate) + sparkline('Ack rate', 'ack', rate)
    + sparkline('Complete latency p99 ms', 'latency', ms) + sparkline('Highest bolt capacity', 'capacity', pct);
}

// ---- topology graph: components in layers by their distance from the spouts, edges with live rates

// The y of the edge curve (a cubic from (x1,y1) to (x2,y2), control points at mx) where it crosses x.
function curveY(x1, y1, mx, x2, y2, x) {
  const at = (t, a, b, c, d) => (1 - t) ** 3 * a + 3 * (1 - t) ** 2 * t * b + 3 * (1 - t) * t * t * c + t ** 3 * d;
  let lo = 0, hi = 1;
  for (let k = 0; k < 30; k++) {
    const t = (lo + hi) / 2;
    if ((at(t, x1, mx, mx, x2) < x) === (x2 > x1)) lo = t; else hi = t;
  }
  return at((lo + hi) / 2, y1, y1, y2, y2);
}

function renderGraph(components, m) {
  const depth = {};
  components.forEach(c => { depth[c.id] = c.kind === 'spout' ? 0 : 1; });
  for (let round = 0; round < components.length; round++) {
    for (const c of components) {
      for (const i of c.inputs) {
        if (i.component in depth && i.component !== c.id && depth[c.id] < depth[i.component] + 1) {
          depth[c.id] = Math.min(depth[i.component] + 1, components.length);
        }
      }
    }
  }
  const layers = {};
  components.forEach(c => { (layers[depth[c.id]] = layers[depth[c.id]] || []).push(c); });
  // GX leaves room between layers for an edge's two-line label (rate, grouping), so it never covers a box.
  const W = 150, H = 54, GX = 130, GY = 40, pos = {};
  let maxRows = 1, maxDepth = 0;
  Object.entries(layers).forEach(([d, list]) => {
    maxRows = Math.max(maxRows, list.length);
    maxDepth = Math.max(maxDepth, +d);
    list.forEach((c, i) => { pos[c.id] = { x: 20 + d * (W + GX), y: 20 + i * (H + GY) }; });
  });
  const byId = {};
  m.spouts.concat(m.bolts).forEach(c => { byId[c.id] = c; });
  const edgeRate = {};
  m.edges.forEach(e => { edgeRate[e.from + '>' + e.to] = e.ratePerSec; });
  let svg = '<svg id="graph-svg" viewBox="0 0 ' + (40 + (maxDepth + 1) * (W + GX)) + ' ' + (40 + maxRows * (H + GY))
    + '"><defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto">'
    + '<path d="M0,0 L10,5 L0,10 z" fill="#7b8899"/></marker></defs>';
  const labelsAt = {};
  for (const c of components) {
    for (const i of c.inputs) {
      const a = pos[i.component], b = pos[c.id];
      if (!a || !b) continue;
      const x1 = a.x + W, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
      const mx = (x1 + x2) / 2;
      const r = edgeRate[i.component + '>' + c.id];
      // The label sits on the curve in the gap just before the target, between two columns of boxes.
      // Labels sharing a gap are stacked so that they do not cover one another either.
      const lx = x2 > x1 ? x2 - GX / 2 : mx;
      let ly = curveY(x1, y1, mx, x2, y2, lx);
      const taken = labelsAt[lx] = labelsAt[lx] || [];
      while (taken.some(y => Math.abs(y - ly) < 26)) ly += 26;
      taken.push(ly);
      svg += '<g class="edge" data-from="' + esc(i.component) + '" data-to="' + esc(c.id) + '"><path marker-end="url(#arrow)" d="M' + x1
        + ',' + y1 + ' C' + mx + ',' + y1 + ' ' + mx + ',' + y2 + ' ' + x2 + ',' + y2 + '"/><text x="' + lx + '" y="'
        + (ly - 16) + '"><tspan x="' + lx + '">' + rate(r || 0) + '</tspan><tspan x="' + lx + '" dy="12">'
        + esc(i.grouping) + '</tspan></text></g>';
    }
  }
  for (const c of components) {
    const p = pos[c.id], st = byId[c.id] || {};
    const hot = c.kind === 'bolt' && (st.capacity > 0.8 || (st.queueCapacity && st.queuePopulation / st.queueCapacity > 0.5));
    const line2 = c.kind === 'spout' ? 'emit ' + rate(st.emitRate) : 'exec ' + rate(st.executeRate) + ' · cap ' + pct(st.capacity || 0);
    svg += '<g class="node ' + c.kind + (hot ? ' hot' : '') + '" data-component="' + esc(c.id) + '"><rect x="' + p.x + '" y="' + p.y
      + '" width="' + W + '" height="' + H + '"/><text x="' + (p.x + W / 2) + '" y="' + (p.y + 20) + '"><tspan font-weight="600">'
      + esc(c.id) + '</tspan> ×' + c.parallelism + '</text><text x="' + (p.x + W / 2) + '" y="' + (p.y + 40) + '">' + line2
      + '</text></g>';
  }
  $('graph').innerHTML = svg + '</svg>';
}

// ---- DRPC servers (cluster view): the dashboard asks the servers of drpc.servers for their request counts.

const DRPC_EVERY_MS = 5000;

async function loadDrpc() {
  if (!$('drpc')) return;
  try {
    const res = await fetch('/api/v1/drpc');
    const body = await res.json();
    if (!$('drpc')) return;
    if (!res.ok) { $('drpc').innerHTML = '<p class="muted">' + esc(body.error) + '</p>'; return; }
    renderDrpc(body.servers);
  } catch (e) {
    $('drpc').innerHTML = '<p class="muted">Cannot read the DRPC servers: ' + esc(e) + '</p>';
  }
}

function renderDrpc(servers) {
  const rows = [];
  for (const s of servers) {
    if (!s.up) {
      rows.push('<tr><td>' + esc(s.server) + '</td><td class="warn-text" colspan="5">down: ' + esc(s.error)
        + '</td></tr>');
      continue;
    }
    const fns = Object.entries(s.functions || {});
    if (!fns.length) {
      rows.push('<tr><td>' + esc(s.server) + '</td><td class="muted" colspan="5">no requests yet</td></tr>');
    }
    for (const [f, c] of fns) {
      rows.push('<tr data-server="' + esc(s.server) + '" data-function="' + esc(f) + '"><td>' + esc(s.server)
        + '</td><td>' + esc(f) + '</td><td data-field="requests">' + num(c.requests) + '</td><td data-field="served">'
        + num(c.served) + '</td><td data-field="failed">' + num(c.failed) + '</td><td data-field="timedOut">'
        + num(c.timedOut) + '</td></tr>');
    }
  }
  $('drpc').innerHTML = table('drpc-table', ['Server', 'Function', 'Requests', 'Served', 'Failed', 'Timed out'], rows,
    'No DRPC servers configured (drpc.servers).');
}

window.addEventListener('hashchange', route);
route();
connect();
setInterval(loadDrpc, DRPC_EVERY_MS);
