// The clickstream example's live page: taps the top-pages component's stream (one ranking a second is enough, so
// the tap asks for at most 2 tuples/s) and redraws the ranking from the newest tuple: [rankings, clicks, updated],
// rankings being [[page, count], ...] most clicked first.
'use strict';

const params = new URLSearchParams(location.search);
const tap = { topology: params.get('topology') || 'clickstream', component: params.get('component') || 'top-pages',
  stream: params.get('stream') || 'default', maxPerSec: 2 };
let rankings = 0;

function esc(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function render(values) {
  const [ranked, clicks, updated] = values;
  const max = ranked.length ? ranked[0][1] : 1;
  document.getElementById('top-pages').innerHTML = ranked.map(([page, count]) => '<li data-page="' + esc(page)
    + '"><span class="page">' + esc(page) + '</span><span class="bar" style="width:' + Math.max(2, 400 * count / max)
    + 'px"></span><span class="count">' + count + '</span></li>').join('');
  rankings++;
  document.body.dataset.rankings = rankings;
  document.getElementById('summary').textContent = clicks.toLocaleString('en-US') + ' clicks in the window · updated '
    + new Date(updated).toLocaleTimeString();
}

function connect() {
  const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws');
  ws.onopen = () => {
    document.getElementById('live').textContent = 'live';
    document.getElementById('live').className = 'live';
    ws.send(JSON.stringify({ tap: tap }));
  };
  ws.onclose = () => {
    document.getElementById('live').textContent = 'offline';
    document.getElementById('live').className = 'live off';
    setTimeout(connect, 1000);
  };
  ws.onmessage = ev => {
    const msg = JSON.parse(ev.data);
    if (msg.type === 'tap' && msg.tuples.length) render(msg.tuples[msg.tuples.length - 1].values);
    else if (msg.type === 'tap-error') {
      document.getElementById('summary').textContent = 'Cannot tap ' + tap.component + ' of ' + tap.topology + ': '
        + msg.error + ' (retrying)';
      setTimeout(() => { if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ tap: tap })); }, 2000);
    }
  };
}

document.getElementById('source').textContent = tap.topology + ' / ' + tap.component;
connect();
