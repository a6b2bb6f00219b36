// The projector: how to join, how many are in, the phase and its countdown, every group's
// visible cards live, and the report back. Read-only: nothing a room should not see, and one
// button, for the high-contrast, large-type mode.
import { connect, showStatus } from './lib/socket.js';
import { phaseText, t, tn } from './lib/i18n.js';
import { byNewest, cardNode, el, people, tallyNode } from './lib/render.js';
import { createClock, mmss } from './lib/run.js';
import { apply, createModel, phaseAllows, votesOn } from './lib/model.js';
import { setUpContrast } from './lib/contrast.js';
import { drawSlide } from './lib/screen_report.js';
import { drawSpotlight, fit as fitSpotlight } from './lib/screen_spotlight.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;

const model = createModel(); // the server's state, kept by lib/model.js
let refitSlide = () => {}; // fits the report-back slide again, once drawn
let columns = new Map(); // group id -> a column: its nodes and its page (see paginate)

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
$('contrast-toggle').addEventListener('click', refit); // larger type: measure again

// Every event goes through the one client model; this page redraws what it touched.
socket.onAny((event, payload) => {
  const fresh = event === 'card:added' && !model.cards.has(payload.card.id);
  const { what, groups } = apply(model, event, payload);
  if (what.has('all') || what.has('workshop')) {
    $('workshop-title').textContent = model.workshop.title;
    drawBoard();
  } else if (what.has('groups')) {
    drawBoard();
  } else if (what.has('tallies')) {
    drawTallies();
  } else {
    groups.forEach((id) => refresh(id));
  }
  if (what.has('all') || what.has('timer')) clock.set(model.timer);
  if (model.people_in != null) $('people-count').textContent = people(model.people_in);
  // The phase, the report or the board's room changed (not for a card: the columns keep turning).
  if (['all', 'run', 'report', 'workshop', 'groups'].some((part) => what.has(part))) drawRun();
  if (what.has('all') || what.has('spotlight')) drawSpotlightNow();
  announce(event, payload, fresh);
});

/** What screen readers hear of an event: a new card, a new phase, a new slide. */
function announce(event, payload, fresh) {
  if (fresh) {
    const { card } = payload;
    const kind = model.kinds.find((k) => k.id === card.kind);
    const group = model.groups.find((g) => g.id === card.group_id);
    say(t('New {kind} in {group}', { kind: kind ? kind.label : card.kind, group: group ? group.name : '' }));
  }
  if (event === 'phase:changed') say(t('Now: {phase}', { phase: phaseText(payload.phase.name) }));
  if (event === 'report:changed') { // redrawn whole, so not a live region: say what it shows
    const { report } = payload;
    const part = report.groups.find((g) => g.group_id === report.group_id);
    if (report.view === 'synthesis') say(t('Report back: the synthesis of the whole room.'));
    else if (part) say(t('Report back: {group}.', { group: part.name }));
  }
}

function say(text) {
  $('announce').textContent = text;
}

/** The phase, its question, and whether the board or the report back is on screen. */
function drawRun() {
  const { phase, settings, report } = model;
  $('screen-phase').textContent = phase ? phaseText(phase.name) : '';
  $('question').textContent = (phase && phase.question && phaseText(phase.question)) || (model.workshop && model.workshop.question) || '';
  const reporting = Boolean(report && (phaseAllows(model).report || (settings && settings.closed)));
  // While people join, the join panel is large; then it shrinks to a corner strip of its own.
  const joining = !phase || phase.kind === 'join';
  $('main').classList.toggle('is-report', reporting);
  $('main').classList.toggle('is-compact', !reporting && !joining);
  $('groups').hidden = reporting;
  $('report').hidden = !reporting;
  if (reporting) drawReport(report);
  else columns.forEach((col) => paginate(col, true)); // the board's room may have changed
}

// --- the board: one column per group, paged when it holds more than fits

/** Seconds each page of a column stays on screen: `?rotate=` (tests), else data-rotate (>= 6). */
const ROTATE_MS = (() => {
  const asked = Number(new URLSearchParams(window.location.search).get('rotate'));
  const given = Number($('main').dataset.rotate);
  return 1000 * (asked > 0 ? asked : Math.max(6, given || 8));
})();

function drawBoard() {
  columns.forEach((col) => clearTimeout(col.timer));
  columns = new Map(model.groups.map((group) => {
    const tally = el('span', { class: 'tally' });
    const list = el('ol', { class: 'screen-list' });
    const more = el('span', { class: 'screen-more', hidden: true });
    const node = el('section', { class: 'screen-group', 'data-group-id': group.id },
      el('h2', {}, el('span', { class: group.name.length > 24 ? 'screen-group-name is-long' : 'screen-group-name', dir: 'auto' }, group.name), ' ', el('span', { class: 'screen-counts' }, more, tally)),
      el('div', { class: 'screen-body' }, list));
    return [group.id, { node, tally, list, more, units: [], start: 0, next: 0, timer: null }];
  }));
  // Up to four groups side by side; more in two rows (three past twelve), so a column stays
  // wide enough for large type.
  const n = Math.max(1, columns.size);
  const rows = n <= 4 ? 1 : n <= 12 ? 2 : 3;
  $('groups').style.setProperty('--rows', rows);
  $('groups').style.setProperty('--cols', Math.ceil(n / rows));
  $('groups').replaceChildren(...[...columns.values()].map((c) => c.node));
  model.groups.forEach((g) => refresh(g.id));
}

const cardVotes = (card) => votesOn(model, 'cards', card.id);
const themeVotes = (theme) => votesOn(model, 'themes', theme.id);
const byTime = (a, b) => a.created_at - b.created_at || a.id - b.id;

/**
 * A group's board in display order: entries {theme, cards} or {card}. Before the reveal,
 * themes in the order they were made, then the cards in none, newest first. Once votes are
 * revealed, themes and loose cards rank together by votes (a theme counts its own dots and
 * its cards', as the server totals it), ties by time; the cards of a theme rank likewise.
 */
function boardOf(groupId) {
  const themes = [...model.themes.values()].filter((th) => th.group_id === groupId);
  const inTheme = new Map(themes.map((th) => [th.id, []]));
  const loose = [];
  model.cards.forEach((c) => { // a screen is never sent a hidden card's text; none stays
    if (c.group_id === groupId && !c.hidden) (inTheme.get(c.theme_id) || loose).push(c);
  });
  if (!model.tallies) {
    return [...themes.sort(byTime).map((theme) => ({ theme, cards: inTheme.get(theme.id).sort(byNewest) })),
      ...loose.sort(byNewest).map((card) => ({ card }))];
  }
  const ranked = (votes) => (a, b) => votes(b) - votes(a) || byTime(a, b);
  return [...themes.map((theme) => ({ theme, cards: inTheme.get(theme.id).sort(ranked(cardVotes)), votes: themeVotes(theme), at: theme })),
    ...loose.map((card) => ({ card, votes: cardVotes(card), at: card }))]
    .sort((a, b) => b.votes - a.votes || byTime(a.at, b.at));
}

function cardItem(card) {
  const li = cardNode(card, model.kinds, { named: Boolean(model.settings && model.settings.names_on_screen) });
  if (card.blurred) {
    li.classList.add('is-blurred');
    li.querySelector('.card-text').textContent = t('Hidden until the facilitator reveals');
  }
  // The theme's heading stands above the card; the name stays for screen readers.
  const theme = model.themes.get(card.theme_id);
  if (theme) li.querySelector('.card-kind').append(el('span', { class: 'card-theme-name visually-hidden', dir: 'auto' }, theme.name));
  const votes = cardVotes(card);
  if (votes != null) li.append(tallyNode(votes));
  return li;
}

/** The top three of a revealed board (with at least one dot) carry their place. */
const rankNode = (place) => place && el('span', { class: 'rank', 'aria-label': `#${place}` }, String(place));

function entryNode(entry, place) {
  if (entry.card) {
    const li = cardItem(entry.card);
    if (place) {
      li.dataset.rank = place;
      li.prepend(rankNode(place));
    }
    return li;
  }
  const { theme, cards } = entry;
  return el('li', { class: 'screen-theme', 'data-theme-id': theme.id, 'data-rank': place },
    el('h3', { class: 'screen-theme-name' }, rankNode(place), el('span', { dir: 'auto' }, theme.name),
      entry.votes != null && tallyNode(entry.votes)),
    el('ol', { class: 'cards' }, cards.map(cardItem)));
}

/** Redraws a group's column, on the page it was showing. */
function refresh(groupId) {
  const col = columns.get(groupId);
  if (!col) return;
  const board = boardOf(groupId);
  col.tally.textContent = String(board.reduce((n, e) => n + (e.card ? 1 : e.cards.length), 0));
  col.list.replaceChildren(...board.map((entry, i) => entryNode(entry, model.tallies && i < 3 && entry.votes > 0 ? i + 1 : null)));
  // What a page shows, in order: each card, and each theme that has no card yet.
  col.units = [...col.list.querySelectorAll('li.card, li.screen-theme')]
    .filter((li) => li.classList.contains('card') || !li.querySelector('li.card'));
  paginate(col);
  if (model.spotlight) drawSpotlightNow(); // its card or theme may have changed or gone
}

function drawTallies() {
  model.groups.forEach((g) => refresh(g.id));
}

// --- the spotlight: one card or theme full screen, over the board or the report

function drawSpotlightNow() {
  const shown = drawSpotlight($('spotlight'), model);
  $('spotlight').hidden = !shown;
  $('main').classList.toggle('is-spotlit', shown);
  if (shown) fitSpotlight($('spotlight')); // measured now that it is visible
}

/**
 * Shows the units of a column from `col.start` as far as they fit whole. When some do not,
 * the column says how many cards it does not show and turns to the next page every
 * ROTATE_MS, so each card is on screen for a full interval in every round.
 */
function paginate(col, restart = false) {
  const { units, more } = col;
  if (col.start >= units.length) col.start = 0;
  const show = (end) => {
    units.forEach((u, i) => { u.hidden = i < col.start || i >= end; });
    col.list.querySelectorAll('li.screen-theme').forEach((th) => {
      th.hidden = units.includes(th) ? th.hidden : !th.querySelector('li.card:not([hidden])');
    });
  };
  units.forEach(unsqueeze); // squeezed for another page or another size: measure afresh
  show(units.length);
  more.hidden = true;
  more.textContent = '';
  if (col.start === 0 && firstCut(col) === -1) { // everything fits: no rotation
    clearTimeout(col.timer);
    col.timer = null;
    return;
  }
  more.textContent = `+${tn('{n} card', '{n} cards', units.length)}`; // its room, at its widest
  more.hidden = false;
  let end = firstCut(col);
  end = Math.max(end === -1 ? units.length : end, col.start + 1); // at least one a page
  show(end);
  if (end === col.start + 1) squeeze(col, units[col.start]);
  const notShown = units.length - (end - col.start);
  more.textContent = `+${tn('{n} card', '{n} cards', notShown)}`;
  col.next = end >= units.length ? 0 : end;
  if (restart || !col.timer) {
    clearTimeout(col.timer);
    col.timer = setTimeout(() => {
      col.timer = null;
      col.start = col.next;
      paginate(col, true);
      col.list.classList.remove('is-turning');
      void col.list.offsetWidth; // restart the fade
      col.list.classList.add('is-turning');
    }, ROTATE_MS);
  }
}

/**
 * A card too long for its column even alone (a 500-character card among twelve groups on a
 * 1280x720 beamer): its type shrinks in 5% steps until it fits, to 80% at the least, rather
 * than lose its end. It is marked (.is-squeezed) so tests can tell.
 */
function squeeze(col, unit) {
  if (!unit.classList.contains('card')) return;
  const base = parseFloat(getComputedStyle(unit).fontSize);
  for (let scale = 0.95; scale >= 0.8 && firstCut(col) === col.start; scale -= 0.05) {
    unit.style.fontSize = `${base * scale}px`;
    unit.classList.add('is-squeezed');
  }
  if (firstCut(col) === col.start) shorten(col, unit);
}

/**
 * The last resort, for a card still too long at 80% (500 characters among twelve groups at
 * 1280x720): its text ends in an ellipsis after the lines that fit, and the card says it was
 * shortened, so nothing is cut off unannounced; the spotlight shows it whole.
 */
function shorten(col, unit) {
  const text = unit.querySelector('.card-text');
  unit.classList.add('is-shortened');
  unit.querySelector('.card-kind').append(el('span', { class: 'card-shortened' }, ` · ${t('shortened')}`));
  const room = col.list.parentElement.getBoundingClientRect().bottom - frameBelow(unit);
  const below = unit.getBoundingClientRect().bottom - text.getBoundingClientRect().bottom;
  const line = parseFloat(getComputedStyle(text).lineHeight);
  let lines = Math.max(1, Math.floor((room - below - text.getBoundingClientRect().top) / line));
  text.style.webkitLineClamp = String(lines);
  while (lines > 1 && firstCut(col) === col.start) {
    lines -= 1;
    text.style.webkitLineClamp = String(lines);
  }
}

/** Undoes squeeze() and shorten(), to measure a card afresh. */
function unsqueeze(unit) {
  if (!unit.classList.contains('is-squeezed')) return;
  unit.classList.remove('is-squeezed', 'is-shortened');
  unit.style.fontSize = '';
  const text = unit.querySelector('.card-text');
  if (text) text.style.webkitLineClamp = '';
  unit.querySelectorAll('.card-shortened').forEach((n) => n.remove());
}

/** The room a theme's frame takes under a card of that theme (its padding and border). */
function frameBelow(unit) {
  const theme = unit.classList.contains('card') && unit.closest('li.screen-theme');
  if (!theme) return 0;
  const style = getComputedStyle(theme);
  return parseFloat(style.paddingBottom) + parseFloat(style.borderBottomWidth);
}

/** The index of the first unit from `col.start` that does not fit whole, or -1. */
function firstCut(col) {
  const bottom = col.list.parentElement.getBoundingClientRect().bottom;
  for (let i = col.start; i < col.units.length; i += 1) {
    if (col.units[i].getBoundingClientRect().bottom + frameBelow(col.units[i]) > bottom + 0.5) return i;
  }
  return -1;
}

/** Measures everything again: the board's pages, the slide, the spotlight. */
function refit() {
  columns.forEach((col) => paginate(col, true));
  refitSlide();
  if (model.spotlight) fitSpotlight($('spotlight'));
}

let resizing = null;
window.addEventListener('resize', () => {
  clearTimeout(resizing);
  resizing = setTimeout(refit, 200);
});

// --- report back: one group's slide, or the synthesis of the room (lib/screen_report.js)

function drawReport(report) {
  refitSlide = drawSlide($('report'), report, model.kinds);
}
