// The component page (#/topology/NAME/component/ID) and its stream tap: pick one of the component's streams and a
// rate, open the tap, and the tuples the workers sample arrive over the page's WebSocket (see the README's "Stream
// taps" for the messages). Closing the tap, leaving the page or closing it stops the sampling.
'use strict';

const TAP_ROWS = 100;

function componentRoute() {
  const m = location.hash.match(/^#\/topology\/([^/]+)\/component\/(.+)$/);
  if (!m) {
    if (state.component) closeTap();
    state.component = null;
    return false;
  }
  if (state.tap) closeTap();
  state.component = { topology: decodeURIComponent(m[1]), id: decodeURIComponent(m[2]) };
  state.topology = null;
  state.history = [];
  state.sub = { topology: state.component.topology, window: state.window };
  componentSkeleton(state.component);
  subscribe();
  loadComponent(state.component);
  return true;
}

function componentSkeleton(c) {
  const topo = '#/topology/' + encodeURIComponent(c.topology);
  $('crumb').innerHTML = '<a href="#/" style="color:#fff">Cluster</a> / <a href="' + topo + '" style="color:#fff">'
    + esc(c.topology) + '</a> / ' + esc(c.id);
  $('app').innerHTML = '<div id="notice"></div>'
    + '<h1>' + esc(c.id) + ' <span id="component-kind" class="badge"></span> <span id="component-counts" class="muted"></span></h1>'
    + '<section class="card"><h2>Stream tap</h2>'
    + '<p class="muted">Shows tuples this component emits, sampled by its workers at no more than the rate chosen;'
    + ' nothing is sampled while no tap is open.</p>'
    + '<div class="toolbar"><label>Stream <select id="tap-stream"></select></label>'
    + '<label>At most <input id="tap-rate" type="number" min="1" max="1000" value="10" style="width:5em"> tuples/s</label>'
    + '<button id="tap-toggle">Open tap</button></div>'
    + '<p id="tap-status" class="muted">No tap open.</p>'
    + '<div id="tap-tuples"></div></section>'
    + '<section class="card" id="late-windows-card" style="display:none"><h2>Late tuples per window</h2>'
    + '<p class="muted">Each task\'s three latest event-time windows that missed tuples, which came after the'
    + ' window had fired (times in UTC; a window holds the times after its start up to its end).</p>'
    + '<div id="late-windows"></div></section>';
  $('tap-toggle').onclick = () => (state.tap ? closeTap() : openTap());
}

async function loadComponent(c) {
  try {
    const res = await fetch('/api/v1/topologies/' + encodeURIComponent(c.topology) + '?window=' + state.window);
    const body = await res.json();
    if (state.component !== c) return;
    if (!res.ok) { notice(body.error, false); return; }
    renderComponent(body);
  } catch (e) {
    notice('Cannot reach the dashboard: ' + e, false);
  }
}

function renderComponent(d) {
  const c = state.component;
  const info = (d.components || []).find(x => x.id === c.id);
  if (!info) { notice('Topology ' + c.topology + ' has no component ' + c.id, false); return; }
  $('component-kind').textContent = info.kind;
  const select = $('tap-stream');
  if (!select.options.length) {
    select.innerHTML = info.streams.map(s => '<option>' + esc(s) + '</option>').join('');
    if (!info.streams.length) $('tap-status').textContent = 'This component declares no output stream to tap.';
  }
  const m = d.metrics && d.metrics.spouts.concat(d.metrics.bolts).find(x => x.id === c.id);
  if (m) $('component-counts').textContent = num(m.emitted) + ' emitted · ' + info.parallelism + ' executor(s)';
  if (d.metrics) renderLateWindows(c.id, d.metrics.userMetrics);
}

// A windowed bolt's late tuples per window, from its task metrics user.ID.TASK.late-tuples.window-N.{start,end,count}.
function renderLateWindows(id, userMetrics) {
  const windows = {};
  const prefix = 'user.' + id + '.';
  Object.entries(userMetrics).forEach(([k, v]) => {
    if (!k.startsWith(prefix)) return;
    const p = /^(\d+)\.late-tuples\.window-(\d+)\.(start|end|count)$/.exec(k.slice(prefix.length));
    if (p) (windows[p[1] + '/' + p[2]] = windows[p[1] + '/' + p[2]] || { task: +p[1] })[p[3]] = v;
  });
  const rows = Object.values(windows).filter(w => w.count > 0).sort((a, b) => b.end - a.end || a.task - b.task);
  const utc = t => new Date(t).toISOString().replace('T', ' ').replace('Z', '');
  $('late-windows-card').style.display = rows.length ? '' : 'none';
  $('late-windows').innerHTML = table('late-windows-table', ['Task', 'Window start', 'Window end', 'Late tuples'],
    rows.map(w => '<tr data-task="' + w.task + '" data-start="' + w.start + '" data-end="' + w.end + '"><td>' + w.task
      + '</td><td>' + utc(w.start) + '</td><td>' + utc(w.end) + '</td><td data-field="count">' + num(w.count)
      + '</td></tr>'), '');
}

// Called for every WebSocket message while the component page is shown; true if it was handled here.
function onComponentMessage(msg) {
  if (msg.type === 'topology') { renderComponent(msg.data); return true; }
  if (msg.type === 'tap') { renderTap(msg); return true; }
  if (msg.type === 'tap-error') {
    state.tap = null;
    $('tap-toggle').textContent = 'Open tap';
    $('tap-status').textContent = 'Tap closed: ' + msg.error;
    $('tap-status').className = 'warn-text';
    return true;
  }
  return false;
}

function openTap() {
  const c = state.component;
  state.tap = { topology: c.topology, component: c.id, stream: $('tap-stream').value, maxPerSec: +$('tap-rate').value };
  state.tapRows = [];
  $('tap-toggle').textContent = 'Close tap';
  $('tap-status').className = 'muted';
  $('tap-status').textContent = 'Opening a tap on ' + state.tap.stream + '…';
  $('tap-tuples').innerHTML = '';
  subscribe();
}

function closeTap() {
  if (state.ws && state.ws.readyState === WebSocket.OPEN) state.ws.send(JSON.stringify({ untap: true }));
  state.tap = null;
  if ($('tap-toggle')) {
    $('tap-toggle').textContent = 'Open tap';
    $('tap-status').textContent = 'Tap closed.';
  }
}

function renderTap(msg) {
  if (!state.tap || msg.component !== state.tap.component || msg.stream !== state.tap.stream) return;
  state.tapRows = msg.tuples.slice().reverse().concat(state.tapRows).slice(0, TAP_ROWS);
  $('tap-status').textContent = 'Tap open on ' + msg.component + ' / ' + msg.stream + ' at most ' + msg.maxPerSec
    + '/s: ' + num(msg.seen) + ' emitted while open · ' + num(msg.sampled) + ' sampled · ' + num(msg.dropped)
    + ' dropped (buffer full)' + (msg.missed ? ' · ' + num(msg.missed) + ' not shown (too many at once)' : '');
  $('tap-tuples').innerHTML = table('tap-table', ['Time', 'Task', 'Values'],
    state.tapRows.map(r => '<tr data-seq="' + r.seq + '"><td>' + time(r.timeMillis) + '</td><td>' + r.task
      + '</td><td class="tap-values">' + esc(JSON.stringify(r.values)) + '</td></tr>'), 'Waiting for tuples…');
}
