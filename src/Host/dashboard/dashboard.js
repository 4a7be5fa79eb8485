// The park dashboard: signs a person in through the platform's own OpenID Connect server (authorization code + PKCE,
// public client), asks the GraphQL API the same `parkStatistics` operation a third-party dashboard would (the centre may
// also pick the whole city: `cityStatistics`, same sections), and draws each figure with Apache ECharts (loaded before
// this module as the global `echarts`) above a table of the same numbers.
import { initialLanguage, labelOf, t } from './i18n.js';
import { cityQuery, dashboardQuery, sections } from './sections.js';

const clientId = 'ipshield-web';
const redirectUri = location.origin + '/dashboard';
const $ = id => document.getElementById(id);
const state = { lang: initialLanguage(), stats: null, charts: [], canPickPark: false };
/** The picker's value for the centre's whole-city view; park ids are opaque ids and never take this form. */
const wholeCity = 'city';

const b64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const random = () => b64url(crypto.getRandomValues(new Uint8Array(32)));

async function signIn() {
  const verifier = random(), stateValue = random();
  sessionStorage.setItem('dashboard-pkce', JSON.stringify({ verifier, state: stateValue }));
  const challenge = b64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  location.href = '/connect/authorize?' + new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri,
    scope: 'openid api', code_challenge: challenge, code_challenge_method: 'S256', state: stateValue });
}

/** Back from the sign-in page with a code: redeem it with the verifier kept in this tab. */
async function completeSignIn() {
  const query = new URLSearchParams(location.search);
  const pkce = JSON.parse(sessionStorage.getItem('dashboard-pkce') || 'null');
  if (!query.has('code') || !pkce || query.get('state') !== pkce.state) return;
  sessionStorage.removeItem('dashboard-pkce');
  const response = await fetch('/connect/token', { method: 'POST', body: new URLSearchParams({ grant_type: 'authorization_code', client_id: clientId,
    code: query.get('code'), redirect_uri: redirectUri, code_verifier: pkce.verifier }) });
  const token = await response.json();
  if (token.access_token) sessionStorage.setItem('dashboard-token', token.access_token);
  history.replaceState(null, '', '/dashboard');
}

class SignedOut extends Error {}

async function graphql(query, variables = {}) {
  const token = sessionStorage.getItem('dashboard-token');
  if (!token) throw new SignedOut();
  const response = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({ query, variables }) });
  if (response.status === 401) { sessionStorage.removeItem('dashboard-token'); throw new SignedOut(); }
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors.map(e => e.message).join('; '));
  return body.data;
}

const isoDay = date => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;

function defaultRange() {
  const today = new Date();
  $('to').value ||= isoDay(today);
  $('from').value ||= isoDay(new Date(today.getFullYear(), today.getMonth() - 11, 1));
}

/**
 * The centre picks the whole city (first, and shown first) or any park; a park manager sees their own park only, the picker
 * locked to it, and is never offered the city (the API refuses `cityStatistics` to them too).
 */
async function loadParks() {
  const { viewer } = await graphql('{ viewer { kind roles displayName park { id name } } }');
  $('who').textContent = t(state.lang, 'signedInAs') + viewer.displayName;
  const picker = $('park');
  picker.replaceChildren();
  let parks = [];
  if (viewer.roles.includes('admin')) {
    parks = (await graphql('{ parks(first: 100) { nodes { id name } } }')).parks.nodes;
    picker.append(new Option(t(state.lang, 'wholeCity'), wholeCity));
  } else if (viewer.park) {
    parks = [viewer.park];
  }
  for (const park of parks) picker.append(new Option(park.name, park.id));
  state.canPickPark = picker.options.length > 1;
  picker.disabled = !state.canPickPark;
  return picker.options.length > 0;
}

async function refresh() {
  const park = $('park').value;
  if (!park) { showMessage(t(state.lang, 'noPark')); return; }
  document.body.dataset.state = 'loading';
  showMessage(t(state.lang, 'loading'));
  try {
    const range = { from: $('from').value || null, to: $('to').value || null };
    state.stats = park === wholeCity
      ? { ...(await graphql(cityQuery, range)).cityStatistics, city: true }
      : (await graphql(dashboardQuery, { park, ...range })).parkStatistics;
    if (!state.stats) { showMessage(t(state.lang, 'noPark')); clearSections(); document.body.dataset.state = 'ready'; return; }
    showMessage('');
    await render();
  } catch (error) {
    if (error instanceof SignedOut) { showSignedOut(); return; }
    showMessage(t(state.lang, 'error') + error.message);
    document.body.dataset.state = 'error';
  }
}

function showMessage(message) { $('message').textContent = message; }

function clearSections() {
  for (const chart of state.charts) chart.dispose();
  state.charts = [];
  $('sections').replaceChildren();
}

function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

function rowLabel(row) {
  if (row.label) return row.label;
  if (row.labelKind === 'parts') return row.key.split('/').map(part => labelOf(state.lang, 'enum', part)).join(' · ');
  if (row.labelKind) return labelOf(state.lang, row.labelKind, row.key);
  return t(state.lang, row.key);
}

/** A null figure is withheld where the section protects small groups; with exact figures it only means "none yet". */
const shown = (value, exact) => value === null || value === undefined ? (exact ? '—' : t(state.lang, 'withheld')) : String(value);

function table(figure, exact) {
  const body = figure.rows.map(row => el('tr', { 'data-key': row.key },
    el('th', { scope: 'row' }, rowLabel(row)),
    el('td', { 'data-value': row.value ?? '' }, shown(row.value, exact))));
  return el('table', { 'data-figure': figure.id },
    el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, t(state.lang, 'key')), el('th', { scope: 'col' }, t(state.lang, 'value')))),
    el('tbody', {}, ...body));
}

function chartOption(figure) {
  const labels = figure.rows.map(rowLabel);
  const values = figure.rows.map(row => row.value ?? '-');
  const base = { animation: false, tooltip: { trigger: figure.kind === 'pie' ? 'item' : 'axis', renderMode: 'richText' } };
  if (figure.kind === 'pie') {
    return { ...base, series: [{ type: 'pie', radius: ['35%', '65%'], data: figure.rows.map((row, i) => ({ name: labels[i], value: row.value ?? 0 })) }] };
  }
  return { ...base, grid: { left: 40, right: 16, top: 16, bottom: 60 }, xAxis: { type: 'category', data: labels, axisLabel: { rotate: labels.length > 4 ? 30 : 0 } },
    yAxis: { type: 'value', minInterval: 1 }, series: [{ type: figure.kind === 'line' ? 'line' : 'bar', data: values }] };
}

/** Draws one chart; resolves once ECharts has finished rendering it (the page's ready state waits for every chart). */
function drawChart(container, figure) {
  const chart = echarts.init(container, null, { renderer: 'canvas' });
  state.charts.push(chart);
  return new Promise(resolve => {
    chart.on('finished', () => { container.dataset.rendered = 'true'; resolve(); });
    chart.setOption(chartOption(figure));
  });
}

async function render() {
  clearSections();
  const drawn = [];
  $('park-name').textContent = state.stats.city ? t(state.lang, 'wholeCity') : state.stats.park.name;
  for (const section of sections) {
    const data = section.data(state.stats);
    const privacy = data?.privacy;
    const element = el('section', { 'data-section': section.key }, el('h2', {}, t(state.lang, section.key)));
    if (privacy) {
      element.append(el('p', { class: 'privacy', 'data-exact': String(privacy.exact) },
        privacy.exact ? t(state.lang, 'privacyExact') : t(state.lang, 'privacyProtected', { n: privacy.minimumGroupSize })));
    }
    const grid = el('div', { class: 'figures' });
    for (const figure of section.figures(data)) {
      const block = el('figure', { 'data-figure': figure.id });
      if (figure.kind === 'numbers') {
        block.classList.add('numbers'); // key figures: the section's heading names them, the table is the figure
      } else if (figure.rows.length === 0) {
        block.append(el('figcaption', {}, t(state.lang, figure.title)), el('p', { class: 'empty' }, t(state.lang, 'noData')));
      } else {
        const container = el('div', { class: 'chart', 'data-chart': figure.id });
        block.append(el('figcaption', {}, t(state.lang, figure.title)), container);
        drawn.push(() => drawChart(container, figure));
      }
      block.append(table(figure, privacy ? privacy.exact : true));
      grid.append(block);
    }
    element.append(grid);
    $('sections').append(element);
  }
  // Charts are drawn once their containers are in the page and have a size.
  await Promise.all(drawn.map(draw => draw()));
  document.body.dataset.state = 'ready';
}

function applyLanguage() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t(state.lang, 'title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(state.lang, node.dataset.text);
  $('language').textContent = t(state.lang, 'language');
  const city = $('park').querySelector(`option[value="${wholeCity}"]`);
  if (city) city.textContent = t(state.lang, 'wholeCity');
}

function showSignedOut() {
  clearSections();
  $('signed-in').hidden = true;
  $('signed-out').hidden = false;
  document.body.dataset.state = 'signed-out';
}

async function start() {
  applyLanguage();
  $('sign-in').onclick = signIn;
  $('sign-out').onclick = () => { sessionStorage.removeItem('dashboard-token'); showSignedOut(); };
  $('language').onclick = async () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    sessionStorage.setItem('dashboard-lang', state.lang);
    applyLanguage();
    if (state.stats) await render();
  };
  $('controls').onsubmit = event => { event.preventDefault(); refresh(); };
  $('park').onchange = refresh;
  window.addEventListener('resize', () => state.charts.forEach(chart => chart.resize()));
  try {
    await completeSignIn();
    if (!sessionStorage.getItem('dashboard-token')) { showSignedOut(); return; }
    $('signed-out').hidden = true;
    $('signed-in').hidden = false;
    defaultRange();
    if (await loadParks()) await refresh();
    else { showMessage(t(state.lang, 'noPark')); document.body.dataset.state = 'ready'; }
  } catch (error) {
    if (error instanceof SignedOut) showSignedOut();
    else { showMessage(t(state.lang, 'error') + error.message); document.body.dataset.state = 'error'; }
  }
}

start();
