// The status page: fetches status.json every few seconds and draws it with Apache ECharts.
// Sets document.body.dataset.rendered to the number of charts drawn with data.
'use strict';

const REFRESH_MS = 3000;
const PALETTE = ['#5470c6', '#91cc75', '#fac858', '#ee6666', '#73c0de', '#3ba272', '#fc8452',
  '#9a60b4', '#ea7ccc'];
const charts = {};

function fmt(value, digits) {
  return value === null || value === undefined ? '-' : Number(value).toFixed(digits);
}

function time(ms) {
  return new Date(ms).toLocaleString();
}

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function table(headers, rows) {
  const t = el('table');
  const head = t.appendChild(el('tr'));
  headers.forEach(h => head.appendChild(el('th', h)));
  rows.forEach(row => {
    const tr = t.appendChild(el('tr'));
    if (row.title) tr.title = row.title;
    row.cells.forEach(c => {
      const td = tr.appendChild(el('td', c.text, c.cls));
      if (typeof c.text === 'number' || c.num) td.classList.add('num');
    });
  });
  return t;
}

function fill(id, node) {
  const target = document.getElementById(id);
  target.replaceChildren(node);
}

// Every time chart spans the same range, so that their buckets line up.
function timeRange(s) {
  const times = s.rewards.map(p => p.start).concat(s.feedback.map(p => p.start),
    s.drift.map(d => d.time));
  if (times.length === 0) return {};
  // to the end of the newest bucket
  return { min: Math.min(...times), max: Math.max(...times) + s.bucketMillis };
}

// Shows the chart with these options, or "no data yet" when there is nothing to draw.
function draw(name, option, range) {
  const plot = document.getElementById('chart-' + name);
  const empty = document.getElementById('empty-' + name);
  if (!option) {
    if (charts[name]) { charts[name].dispose(); delete charts[name]; }
    plot.style.display = 'none';
    empty.style.display = 'block';
    return false;
  }
  plot.style.display = 'block';
  empty.style.display = 'none';
  if (!charts[name]) charts[name] = echarts.init(plot, null, { renderer: 'canvas' });
  charts[name].setOption(Object.assign({
    animation: false,
    grid: { left: 56, right: 24, top: 40, bottom: 56 },
    tooltip: { trigger: 'axis' },
    xAxis: Object.assign({ type: 'time' }, range),
    dataZoom: [{ type: 'inside' }],
  }, option), true);
  charts[name].resize();
  return true;
}

function legend(names) {
  return { type: 'scroll', top: 0, data: names };
}

// Points as dots while there are few of them: a line through one bucket draws nothing.
function dots(count) {
  return count < 20 ? 'circle' : 'none';
}

// A p10-p90 band (two stacked lines, the lower one invisible) and its median line.
function band(name, color, points, pick) {
  const rows = points.filter(p => pick(p) && pick(p).p50 !== null);
  const stack = 'band-' + name;
  return [
    { name: name + ' p10', type: 'line', stack, symbol: 'none', lineStyle: { opacity: 0 },
      data: rows.map(p => [p.start, pick(p).p10]), tooltip: { show: false }, silent: true },
    { name: name + ' p10-p90', type: 'line', stack, symbol: 'none', lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.2 }, data: rows.map(p => [p.start, pick(p).p90 - pick(p).p10]),
      tooltip: { show: false }, silent: true },
    { name, type: 'line', symbol: dots(rows.length), color, lineStyle: { width: 2 },
      data: rows.map(p => [p.start, pick(p).p50]) },
  ];
}

function dominantVersion(point) {
  let best = null;
  Object.entries(point.versions).forEach(([v, n]) => { if (!best || n > best[1]) best = [v, n]; });
  return best ? best[0] : null;
}

function scoreChart(s) {
  if (s.rewards.length === 0) return null;
  const marks = [];
  let previous = null;
  s.rewards.forEach(p => {
    const v = dominantVersion(p);
    if (v !== previous) {
      marks.push({ xAxis: p.start, name: v, lineStyle: { color: '#555', type: 'dashed' },
        label: { formatter: v, position: 'insideEndTop' } });
    }
    previous = v;
  });
  s.drift.forEach(d => marks.push({ xAxis: d.time, name: d.test,
    lineStyle: { color: '#d62728', type: 'solid' }, label: { formatter: 'drift', position: 'insideEndBottom' } }));
  const series = band('score', PALETTE[0], s.rewards, p => p.score);
  series[2].markLine = { symbol: 'none', data: marks, silent: true };
  series.push({ name: 'mean', type: 'line', symbol: dots(s.rewards.length), color: '#333',
    lineStyle: { type: 'dotted' }, data: s.rewards.map(p => [p.start, p.score.mean]) });
  return {
    legend: legend(['score', 'mean']),
    yAxis: { type: 'value', scale: true, name: 'score' },
    series,
  };
}

function objectivesChart(s) {
  if (s.objectives.length === 0) return null;
  const series = [];
  s.objectives.forEach((o, i) => series.push(...band(o, PALETTE[i % PALETTE.length], s.rewards,
    p => p.objectives[o] && p.objectives[o].reward)));
  return {
    legend: legend(s.objectives),
    yAxis: { type: 'value', scale: true, name: 'debiased reward' },
    series,
  };
}

function gatingChart(s) {
  if (s.objectives.length === 0) return null;
  return {
    legend: legend(s.objectives),
    yAxis: { type: 'value', name: 'gating weight' },
    series: s.objectives.map((o, i) => ({
      name: o, type: 'line', stack: 'gating', symbol: dots(s.rewards.length),
      color: PALETTE[i % PALETTE.length],
      areaStyle: { opacity: 0.6 },
      data: s.rewards.filter(p => p.objectives[o] && p.objectives[o].gatingWeight !== null)
        .map(p => [p.start, p.objectives[o].gatingWeight]),
    })),
  };
}

function driftChart(s) {
  const alarms = s.drift.filter(d => d.pValue !== null);
  if (alarms.length === 0) return null;
  const tests = [...new Set(alarms.map(d => d.test))];
  return {
    legend: legend(tests),
    tooltip: { trigger: 'item', formatter: p => {
      const d = p.data.alarm;
      return `${d.test} (model ${d.modelVersion})<br>p = ${d.pValue.toExponential(2)}, statistic ` +
        `${fmt(d.statistic, 4)} vs threshold ${fmt(d.threshold, 4)}<br>window ${time(d.windowStart)}` +
        ` - ${time(d.time)}<br>${d.liveSize} live vs ${d.referenceSize} reference`;
    } },
    yAxis: { type: 'log', name: 'p-value', max: 1,
      min: v => Math.pow(10, Math.min(-3, Math.floor(Math.log10(v.min)) - 1)),
      axisLabel: { formatter: v => (v >= 0.001 ? String(v) : v.toExponential(0)) } },
    series: tests.map((t, i) => ({
      name: t, type: 'scatter', symbolSize: 10, color: PALETTE[i % PALETTE.length],
      data: alarms.filter(d => d.test === t)
        .map(d => ({ value: [d.time, Math.max(d.pValue, 1e-16)], alarm: d })),
    })),
  };
}

function feedbackChart(s) {
  if (s.feedback.length === 0) return null;
  const kinds = [['preferences', '#5470c6'], ['ratings', '#91cc75'], ['rejected', '#ee6666']];
  return {
    legend: legend(kinds.map(k => k[0])),
    yAxis: { type: 'value', name: 'records', minInterval: 1 },
    series: kinds.map(([k, color]) => ({
      name: k, type: 'bar', stack: 'feedback', color, barMaxWidth: 24,
      data: s.feedback.map(p => [p.start, p[k]]),
    })),
  };
}

function metric(m, ...names) {
  for (const n of names) if (m[n] !== undefined) return m[n];
  return null;
}

function modelsTable(s) {
  if (s.models.length === 0) return el('p', 'no data yet', 'empty');
  const rows = s.models.slice().reverse().map(m => ({
    title: Object.entries(m.metrics).map(([k, v]) => `${k} = ${v}`).join('\n'),
    cells: [
      { text: m.version + (m.rollback ? ' (rollback)' : ''), cls: m.status === 'live' ? 'live' : '' },
      { text: m.parentVersion || '-' },
      { text: m.trigger },
      { text: time(m.createdAt) },
      { text: m.status, cls: m.status.startsWith('refused') ? 'refused' : (m.status === 'live' ? 'live' : '') },
      { text: fmt(metric(m.metrics, 'candidate.heldout.accuracy', 'accuracy.validation'), 3), num: true },
      { text: fmt(metric(m.metrics, 'live.heldout.accuracy'), 3), num: true },
      { text: fmt(metric(m.metrics, 'gate.p_value'), 4), num: true },
      { text: fmt(metric(m.metrics, 'data.pairs.total'), 0), num: true },
      { text: fmt(metric(m.metrics, 'data.pairs.train'), 0) + ' / ' +
        fmt(metric(m.metrics, 'data.pairs.heldout'), 0), num: true },
      { text: fmt(metric(m.metrics, 'data.ratings'), 0), num: true },
    ],
  }));
  return table(['version', 'parent', 'trigger', 'published', 'status', 'candidate acc.',
    'live acc.', 'gate p', 'pairs', 'train / held out', 'ratings'], rows);
}

function roundsTable(s) {
  if (s.rounds.length === 0) return el('p', 'no data yet', 'empty');
  return table(['finished', 'outcome', 'candidate', 'parent', 'trigger', 'candidate acc.',
    'live acc.', 'reason'], s.rounds.map(r => ({ cells: [
    { text: time(r.time) }, { text: r.outcome, cls: r.outcome }, { text: r.candidateVersion },
    { text: r.parentVersion || '-' }, { text: r.trigger },
    { text: fmt(metric(r.metrics, 'candidate.heldout.accuracy'), 3), num: true },
    { text: fmt(metric(r.metrics, 'live.heldout.accuracy'), 3), num: true },
    { text: r.reason },
  ] })));
}

function agreementView(a) {
  if (a.state !== 'ok') return el('p', `${a.state}: ${a.detail}`, 'empty');
  const f = a.figures;
  const rows = [f.overall].concat(f.objectives || []).filter(Boolean).map(o => ({ cells: [
    { text: o.objective }, { text: fmt(o.pairAgreement, 3), num: true },
    { text: o.pairs, num: true }, { text: fmt(o.alpha, 3), num: true },
    { text: o.ratedResponses, num: true },
  ] }));
  const box = el('div');
  box.appendChild(table(['objective', 'pair agreement', 'pairs', 'alpha', 'rated responses'], rows));
  const annotators = (f.annotators || []).map(n => ({ cells: [
    { text: n.annotator }, { text: fmt(n.majorityAgreement, 3), num: true },
    { text: n.majorityComparisons, num: true }, { text: fmt(n.meanRatingDeviation, 3), num: true },
  ] }));
  if (annotators.length > 0) {
    box.appendChild(table(['annotator', 'agrees with majority', 'comparisons',
      'mean rating deviation'], annotators));
  }
  return box;
}

function rejectionsTable(s) {
  if (s.rejections.length === 0) return el('p', 'none', 'empty');
  return table(['reason', 'count'], s.rejections.map(r => ({ cells: [
    { text: r.reason }, { text: r.count, num: true }] })));
}

function summary(s) {
  const t = s.totals;
  return [`lineage ${s.lineage}`, `live ${s.liveVersion || 'none yet'}`,
    `${t.rewards} rewards`, `${t.preferences} preferences`, `${t.ratings} ratings`,
    `${t.deadLetters} rejected`, `${s.drift.length} drift alarms`, `${s.rounds.length} rounds`,
    `buckets of ${s.bucketMillis / 1000} s`,
    s.caughtUp ? `updated ${new Date(s.generatedAt).toLocaleTimeString()}` : 'reading the topics...',
  ].join(' \u00b7 ');
}

function render(s) {
  document.getElementById('summary').textContent = summary(s);
  fill('models', modelsTable(s));
  fill('rounds', roundsTable(s));
  fill('agreement', agreementView(s.agreement));
  fill('rejections', rejectionsTable(s));
  let drawn = 0;
  const range = timeRange(s);
  [['score', scoreChart], ['objectives', objectivesChart], ['gating', gatingChart],
    ['drift', driftChart], ['feedback', feedbackChart]].forEach(([name, build]) => {
    if (draw(name, build(s), range)) drawn++;
  });
  document.body.dataset.rendered = String(drawn);
  document.body.dataset.updated = String(s.generatedAt);
}

async function refresh() {
  try {
    const answer = await fetch('status.json', { cache: 'no-store' });
    if (!answer.ok) throw new Error(`status.json answered ${answer.status}`);
    render(await answer.json());
  } catch (e) {
    document.getElementById('summary').textContent = `cannot load status.json: ${e.message}`;
  }
}

window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
refresh();
setInterval(refresh, REFRESH_MS);
