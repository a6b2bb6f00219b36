// The projector: how to join, how many are in, the phase and its countdown, every group's
// visible cards live, and the report back. Read-only: nothing a room should not see, and one
// button, for the high-contrast, large-type mode.
import { connect, showStatus } from './lib/socket.js';
import { phaseText, t, tn } from './lib/i18n.js';
import { byNewest, cardNode, el, keyedList, people, tallyNode } from './lib/render.js';
import { createClock, isClosed, mergeTallies, mmss } from './lib/run.js';
import { setUpContrast } from './lib/contrast.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;

const model = {
  kinds: [], groups: [], cards: new Map(), question: '',
  phase: null, settings: null, themes: new Map(), tallies: null, report: null,
};
let columns = new Map(); // group id -> {drawCards, tally}

const socket = connect({ code, role: 'screen' }, code);
showStatus(socket, $('status'));

const clock = createClock((seconds, timer) => {
  const face = $('screen-timer');
  const running = Boolean(timer && timer.running);
  const done = running && seconds <= 0;
  face.hidden = !timer || !(running || timer.duration > 0 || timer.remaining > 0);
  face.dataset.running = String(running);
  face.textContent = done ? t('Time’s up') : mmss(seconds);
  face.classList.toggle('is-done', done);
}, () => say(t('Time’s up.')), (seconds) => say(tn('{n} minute left.', '{n} minutes left.', seconds / 60)));
setUpContrast($('contrast-toggle'));

socket.on('state', (state) => {
  model.kinds = state.kinds;
  model.groups = state.groups;
  model.cards = new Map(state.cards.filter((c) => !c.hidden).map((c) => [c.id, c]));
  model.question = state.workshop.question;
  model.phase = state.phase || null;
  model.settings = state.settings || null;
  model.themes = new Map((state.themes || []).map((t) => [t.id, t]));
  model.tallies = state.tallies || null;
  model.report = state.report || null;
  $('workshop-title').textContent = state.workshop.title;
  clock.set(state.timer);
  drawPeople(state.people);
  drawBoard();
  drawRun();
});
socket.on('card:added', ({ card }) => {
  const isNew = !model.cards.has(card.id);
  putCard(card);
  const kind = model.kinds.find((k) => k.id === card.kind);
  const group = model.groups.find((g) => g.id === card.group_id);
  if (isNew) say(t('New {kind} in {group}', { kind: kind ? kind.label : card.kind, group: group ? group.name : '' }));
});
socket.on('card:updated', ({ card }) => putCard(card));
socket.on('card:deleted', dropCard);
socket.on('card:hidden', dropCard);
socket.on('card:merged', ({ card, merged }) => {
  merged.forEach((id) => model.cards.delete(id));
  putCard(card);
});
socket.on('people:changed', ({ people: total }) => drawPeople(total));
socket.on('group:added', ({ group }) => putGroup(group));
socket.on('group:renamed', ({ group }) => putGroup(group));
socket.on('group:updated', ({ group }) => putGroup(group));
socket.on('phase:changed', ({ phase, timer }) => {
  model.phase = phase;
  clock.set(timer);
  drawRun();
  say(t('Now: {phase}', { phase: phaseText(phase.name) }));
});
socket.on('agenda:changed', ({ phase }) => {
  model.phase = phase;
  drawRun();
});
socket.on('timer:changed', ({ timer }) => clock.set(timer));
socket.on('settings:changed', ({ settings }) => {
  model.settings = settings;
  drawRun();
});
socket.on('theme:created', ({ theme }) => putTheme(theme));
socket.on('theme:renamed', ({ theme }) => putTheme(theme));
socket.on('theme:deleted', ({ theme_id: id, group_id: groupId }) => {
  model.themes.delete(id);
  model.cards.forEach((c) => { if (c.theme_id === id) model.cards.set(c.id, { ...c, theme_id: null }); });
  refresh(groupId);
});
socket.on('votes:revealed', ({ tallies }) => {
  model.tallies = tallies;
  drawTallies();
});
socket.on('votes:changed', ({ tallies }) => { // sent to screens only while revealed
  model.tallies = mergeTallies(model.tallies, tallies);
  drawTallies();
});
socket.on('votes:hidden', () => {
  model.tallies = null;
  drawTallies();
});
socket.on('report:changed', ({ report }) => {
  model.report = report;
  drawRun();
  // The report itself is not a live region (it is redrawn whole): say what it shows now.
  const part = report.groups.find((g) => g.group_id === report.group_id);
  if (report.view === 'synthesis') say(t('Report back: the synthesis of the whole room.'));
  else if (part) say(t('Report back: {group}.', { group: part.name }));
});
socket.on('workshop:closed', () => {
  model.settings = { ...model.settings, closed: true };
  drawRun();
});
socket.on('workshop:reopened', () => {
  model.settings = { ...model.settings, closed: false };
  drawRun();
});

function say(text) {
  $('announce').textContent = text;
}

function putCard(card) {
  const old = model.cards.get(card.id);
  if (card.hidden) model.cards.delete(card.id);
  else model.cards.set(card.id, card);
  refresh(card.group_id);
  if (old && old.group_id !== card.group_id) refresh(old.group_id);
}

function dropCard({ card_id: id, group_id: groupId }) {
  model.cards.delete(id);
  refresh(groupId);
}

function putGroup(group) {
  model.groups = model.groups.filter((g) => g.id !== group.id).concat(group)
    .sort((a, b) => a.position - b.position);
  drawBoard();
  drawRun();
}

function putTheme(theme) {
  model.themes.set(theme.id, theme);
  drawBoard(); // each card names its theme
}

function drawPeople(total) {
  $('people-count').textContent = people(total);
}

/** The phase, its question, and whether the board or the report back is on screen. */
function drawRun() {
  const { phase, settings, report } = model;
  $('screen-phase').textContent = phase ? phaseText(phase.name) : '';
  $('question').textContent = (phase && phase.question && phaseText(phase.question)) || model.question;
  const reporting = Boolean(report && (isClosed(phase, settings) || (phase && phase.kind === 'report')));
  $('main').classList.toggle('is-report', reporting);
  $('groups').hidden = reporting;
  $('report').hidden = !reporting;
  if (reporting) drawReport(report);
}

function drawBoard() {
  columns = new Map(model.groups.map((group) => {
    const cards = el('ol', { class: 'cards' });
    const tally = el('span', { class: 'tally' });
    const node = el('section', { class: 'screen-group', 'data-group-id': group.id },
      el('h2', {}, el('span', { dir: 'auto' }, group.name), ' ', tally), cards);
    return [group.id, { node, tally, drawCards: keyedList(cards, cardItem) }];
  }));
  $('groups').replaceChildren(...[...columns.values()].map((c) => c.node));
  model.groups.forEach((g) => refresh(g.id));
}

function cardItem(card) {
  const li = cardNode(card, model.kinds);
  if (card.blurred) {
    li.classList.add('is-blurred');
    li.querySelector('.card-text').textContent = t('Hidden until the facilitator reveals');
  }
  const theme = model.themes.get(card.theme_id);
  if (theme) li.querySelector('.card-kind').append(' · ', el('span', { class: 'card-theme-name', dir: 'auto' }, theme.name));
  return li;
}

function refresh(groupId) {
  const col = columns.get(groupId);
  if (!col) return;
  const shown = [...model.cards.values()].filter((c) => c.group_id === groupId).sort(byNewest);
  col.tally.textContent = String(shown.length);
  col.drawCards(shown.map((c) => [c.id, c]));
  drawTallies();
}

/** Dots on the cards once the facilitator reveals them; gone again when hidden. */
function drawTallies() {
  $('groups').querySelectorAll('li.card[data-card-id]').forEach((li) => {
    const old = li.querySelector('.tally[data-votes]');
    const node = model.tallies ? tallyNode(model.tallies.cards[li.dataset.cardId] || 0) : null;
    if (old && node) old.replaceWith(node);
    else if (old) old.remove();
    else if (node) li.append(node);
  });
}

// --- report back: one group's top items, or the synthesis of the room

const votes = (n) => tn('{n} vote', '{n} votes', n);

function drawReport(report) {
  if (report.view === 'synthesis') {
    const s = report.synthesis;
    $('report').replaceChildren(el('div', {}, el('h2', { class: 'report-title' }, t('Synthesis: the whole room')),
      topColumns(s.top, true),
      s.shared_themes.length > 0 && el('section', { class: 'report-themes' }, el('h3', {}, t('Themes shared by several groups')),
        el('ul', {}, s.shared_themes.map((t) => el('li', {},
          el('strong', { dir: 'auto' }, t.name), ' — ', el('span', { dir: 'auto' }, t.groups.join(', '))))))));
    return;
  }
  const part = report.groups.find((g) => g.group_id === report.group_id) || report.groups[0];
  if (!part) {
    $('report').replaceChildren(el('h2', { class: 'report-title' }, t('Report back')));
    return;
  }
  const most = Math.max(1, ...part.themes.map((t) => t.votes));
  $('report').replaceChildren(el('div', {}, el('h2', { class: 'report-title', 'data-group-id': part.group_id, dir: 'auto' }, part.name),
    topColumns(part.top, false),
    part.themes.length > 0 && el('section', { class: 'report-themes' }, el('h3', {}, t('Themes')),
      el('ol', {}, part.themes.map((theme) => el('li', { class: 'report-theme', 'data-theme-id': theme.id },
        el('span', { class: 'report-text', dir: 'auto' }, theme.name),
        el('span', { class: 'report-meta' }, tn('{n} card', '{n} cards', theme.cards)),
        bar(theme.votes, most)))))));
}

/** The top items side by side, one column per kind, each with a bar for its votes. */
function topColumns(top, withGroup) {
  const all = Object.values(top).flat();
  const most = Math.max(1, ...all.map((i) => i.votes));
  return el('div', { class: 'report-kinds' }, model.kinds.map((kind, index) => el('section', { class: 'report-kind', 'data-kind-index': index },
    el('h3', { dir: 'auto' }, kind.label),
    (top[kind.id] || []).length === 0 ? el('p', { class: 'report-empty' }, t('Nothing yet'))
      : el('ol', { class: 'report-items' }, top[kind.id].map((item) => el('li', { class: 'report-item', 'data-card-id': item.card_id },
        el('span', { class: 'report-text', dir: 'auto' }, item.text),
        el('span', { class: 'report-meta', dir: 'auto' },
          [withGroup && item.group, item.theme && t('theme: {name}', { name: item.theme })].filter(Boolean).join(' · ')),
        bar(item.votes, most)))))));
}

/** Votes are null until the facilitator reveals them: then no bar at all. */
function bar(n, most) {
  if (n == null) return null;
  return el('span', { class: 'vote-bar' },
    el('span', { class: 'vote-fill', style: `width: ${Math.round((100 * n) / most)}%` }),
    el('span', { class: 'tally', 'data-votes': n }, votes(n)));
}
