// The facilitator's dashboard: every group side by side, live, with the controls to steer the
// run of the workshop (agenda, timer, votes, report back), cluster cards into themes and
// manage people.
import { connect, request, showStatus } from './lib/socket.js';
import { N_, errorText, phaseText, t, tn } from './lib/i18n.js';
import { byNewest, cardNode, el, keyedList, people, tallyNode } from './lib/render.js';
import { createClock, isClosed, mergeTallies, mmss } from './lib/run.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;

/** The phase kinds of docs/protocol.md with their default names (the server's, in English:
 * a placeholder shows the name an empty box gets; the kind's label is translated). */
const PHASES = {
  join: N_('Join'), brainstorm: N_('Brainstorm'), cluster: N_('Cluster'), vote: N_('Vote'), report: N_('Report back'), closed: N_('Closed'),
};

// What the server told us; each event updates it, then redraws only what it touched.
const model = {
  kinds: [], groups: [], cards: new Map(), people: new Map(), counts: null,
  agenda: [], phase: null, settings: null, themes: new Map(), tallies: null, report: null,
  removed: new Map(), // participant id -> a removed person, for "Let back in"
  spotlight: null, // {card_id, theme_id}: what the projector shows full screen, or null
  flags: new Map(), // participant id -> why they are flagged (joined much faster than a room)
};
let columns = new Map(); // group id -> the column's parts
const selected = new Set(); // card ids ticked for merging
const picked = new Set(); // participant ids ticked for "Remove selected"
let agendaDirty = false; // the agenda editor holds changes not saved yet

// No key here: the page's signed cookie (set when the key link was opened) authorizes us.
const socket = connect({ code, role: 'facilitator' }, code);
showStatus(socket, $('status'));

const clock = createClock((seconds, timer) => {
  const running = Boolean(timer && timer.running);
  const had = document.activeElement;
  $('timer').textContent = mmss(seconds);
  $('timer').dataset.running = String(running);
  $('timer').classList.toggle('is-done', running && seconds <= 0);
  $('timer-pause').disabled = !running;
  $('timer-resume').disabled = running || !timer || timer.remaining <= 0;
  $('timer-reset').disabled = !timer;
  passFocus(had, ['timer-pause', 'timer-resume', 'timer-start']);
}, () => say(t('Time is up.')));

socket.on('state', (state) => {
  model.kinds = state.kinds;
  model.groups = state.groups;
  model.cards = new Map(state.cards.map((c) => [c.id, c]));
  model.people = new Map(state.participants.filter((p) => !p.removed).map((p) => [p.id, p]));
  model.removed = new Map(state.participants.filter((p) => p.removed).map((p) => [p.id, p]));
  model.flags = new Map((state.flags || []).map((f) => [f.participant_id, f]));
  [...picked].filter((id) => !model.people.has(id)).forEach((id) => picked.delete(id));
  model.counts = state.counts;
  model.agenda = state.agenda || [];
  model.phase = state.phase || null;
  model.settings = state.settings || null;
  model.themes = new Map((state.themes || []).map((t) => [t.id, t]));
  model.tallies = state.tallies || null;
  model.report = state.report || null;
  model.spotlight = state.spotlight || null;
  $('workshop-title').textContent = state.workshop.title;
  clock.set(state.timer);
  drawFilter();
  drawBoard();
  drawPeopleLine();
  if (!agendaDirty) drawAgendaRows();
  setMinutes();
  drawRun();
  drawPeopleTools();
  drawSpotlight();
});
socket.on('card:added', ({ card }) => {
  const isNew = !model.cards.has(card.id);
  putCard(card);
  if (!isNew) return;
  const kind = model.kinds.find((k) => k.id === card.kind);
  say(t('New {kind} in {group} from {author}: {text}', {
    kind: kind ? kind.label : card.kind, group: groupName(card.group_id), author: card.author || t('Anonymous'), text: card.text,
  }));
});
socket.on('card:updated', ({ card }) => putCard(card));
socket.on('card:deleted', ({ card_id: id, group_id: groupId }) => {
  model.cards.delete(id);
  refresh(groupId);
});
socket.on('card:merged', ({ card, merged }) => {
  const counts = model.tallies && { ...model.tallies.cards };
  merged.forEach((id) => {
    model.cards.delete(id);
    selected.delete(id);
    if (counts) { // the merged cards' votes move to the card they joined
      counts[card.id] = (counts[card.id] || 0) + (counts[id] || 0);
      delete counts[id];
    }
  });
  if (counts) model.tallies = { ...model.tallies, cards: counts };
  putCard(card);
});
socket.on('participant:joined', ({ participant }) => putPerson(participant));
socket.on('participant:updated', ({ participant }) => putPerson(participant));
socket.on('participant:removed', ({ participant_id: id }) => dropPerson(id));
socket.on('flags:changed', ({ flags }) => {
  const groups = new Set();
  flags.forEach((flag) => {
    if (flag.reasons.length) model.flags.set(flag.participant_id, flag);
    else model.flags.delete(flag.participant_id);
    const person = model.people.get(flag.participant_id);
    if (!person) return;
    model.people.set(person.id, { ...person }); // a new object: the list redraws the item
    groups.add(person.group_id);
  });
  groups.forEach(refresh);
  drawPeopleTools();
});
socket.on('people:changed', ({ people: total, online }) => {
  model.counts = { ...model.counts, people: total, online };
  drawPeopleLine();
});
socket.on('counts:changed', ({ counts }) => {
  // Card changes send only the groups they touched: merge them into what we have.
  const before = model.counts || {};
  model.counts = { ...before, ...counts, groups: { ...(before.groups || {}), ...(counts.groups || {}) } };
  drawCounts();
  drawPeopleLine();
});
socket.on('group:added', ({ group }) => putGroup(group));
socket.on('group:renamed', ({ group }) => putGroup(group));
socket.on('group:updated', ({ group }) => putGroup(group));
socket.on('phase:changed', ({ phase, timer }) => {
  showPhase(phase, timer);
  say(t('Phase: {phase}', { phase: phaseText(phase.name) }));
});
socket.on('agenda:changed', ({ agenda, phase }) => {
  model.agenda = agenda;
  model.phase = phase;
  if (!agendaDirty) drawAgendaRows();
  drawRun();
});
socket.on('timer:changed', ({ timer }) => clock.set(timer));
socket.on('settings:changed', ({ settings }) => putSettings(settings));
socket.on('theme:created', ({ theme }) => putTheme(theme));
socket.on('theme:renamed', ({ theme }) => putTheme(theme));
socket.on('theme:deleted', ({ theme_id: id, group_id: groupId }) => dropTheme(id, groupId));
socket.on('votes:changed', ({ tallies }) => {
  model.tallies = mergeTallies(model.tallies, tallies);
  drawTallies();
});
socket.on('votes:revealed', ({ tallies }) => {
  if (tallies) model.tallies = tallies;
  putSettings({ ...model.settings, votes_revealed: true });
  drawTallies();
});
socket.on('votes:hidden', () => putSettings({ ...model.settings, votes_revealed: false }));
socket.on('report:changed', ({ report }) => {
  model.report = report;
  drawReport();
});
socket.on('spotlight:changed', ({ spotlight }) => {
  model.spotlight = spotlight;
  drawSpotlight();
});
// A fresh `state` follows each of these; flip the switch at once all the same.
socket.on('workshop:closed', () => putSettings({ ...model.settings, closed: true }));
socket.on('workshop:reopened', () => putSettings({ ...model.settings, closed: false }));
socket.on('workshop:deleted', () => showError(t('The owner has deleted this workshop: its file is gone.')));

// --- the page's fixed controls

['filter', 'filter-theme', 'filter-org'].forEach((id) => $(id).addEventListener('change', refreshAll));
$('add-group-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const ack = await act('group:add', { name: $('add-group-name').value.trim() });
  if (!ack) return;
  $('add-group-name').value = '';
  putGroup(ack.group);
});

$('phase-prev').addEventListener('click', () => setPhase(phaseIndex() - 1));
$('phase-next').addEventListener('click', () => setPhase(phaseIndex() + 1));

$('timer-start').addEventListener('click', () => {
  const minutes = Number($('timer-minutes').value);
  const seconds = Math.round(minutes * 60);
  if (!(seconds >= 1 && seconds <= 36000)) {
    showError(t('Give the timer 1 second to 600 minutes.'));
    $('timer-minutes').focus();
    return;
  }
  timer('timer:start', { seconds });
});
$('timer-pause').addEventListener('click', () => timer('timer:pause', {}));
$('timer-resume').addEventListener('click', () => timer('timer:resume', {}));
$('timer-add').addEventListener('click', () => timer('timer:add', { seconds: 60 }));
$('timer-reset').addEventListener('click', () => timer('timer:reset', {}));

$('settings').addEventListener('change', async (event) => {
  const input = event.target;
  if (!input.name) return;
  const value = input.type === 'checkbox' ? input.checked
    : input.name === 'retention' && input.value === 'keep' ? 'keep' : Number(input.value);
  const ack = await act('settings:set', { [input.name]: value });
  if (ack) putSettings(ack.settings);
  else drawSettings(); // back to what the server holds
});
$('cards-reveal').addEventListener('click', async () => {
  const ack = await act('cards:reveal', {});
  if (ack) putSettings(ack.settings);
});
$('votes-reveal').addEventListener('click', async () => {
  const ack = await act('votes:reveal', {});
  if (ack) putSettings(ack.settings);
});
$('votes-hide').addEventListener('click', async () => {
  const ack = await act('votes:hide', {});
  if (ack) putSettings(ack.settings);
});

$('report-group').addEventListener('change', () => {
  if ($('report-group').value) report('report:show', { group_id: Number($('report-group').value) });
});
$('report-prev').addEventListener('click', () => report('report:prev', {}));
$('report-next').addEventListener('click', () => report('report:next', {}));
$('report-synthesis').addEventListener('click', () => report('report:show', { synthesis: true }));

$('shuffle-balanced').addEventListener('click', () => shuffle('balanced'));
$('shuffle-mixed').addEventListener('click', () => shuffle('mixed'));

$('door-toggle').addEventListener('click', async () => {
  const ack = await act('settings:set', { door_closed: !doorClosed() });
  if (ack) putSettings(ack.settings);
});
$('remove-selected').addEventListener('click', async () => {
  const ids = [...picked].filter((id) => model.people.has(id));
  if (!ids.length) return;
  if (!window.confirm(tn('Remove {n} person from the workshop? Their cards stay.',
    'Remove {n} people from the workshop? Their cards stay.', ids.length))) return;
  removed(await act('participants:remove', { participant_ids: ids }));
});
$('remove-recent').addEventListener('submit', async (event) => {
  event.preventDefault();
  const minutes = Number($('recent-minutes').value);
  if (!window.confirm(t('Remove everyone who joined in the last {minutes} minutes and has posted nothing? Their phones are told.', { minutes }))) return;
  removed(await act('participants:remove', { joined_within_minutes: minutes, silent_only: true }));
});

$('workshop-close').addEventListener('click', async () => {
  if (!window.confirm(t('Close the workshop? Phones show a thank-you page and nothing can change until you reopen it.'))) return;
  const ack = await act('workshop:close', {});
  if (ack) putSettings(ack.settings);
});
$('workshop-reopen').addEventListener('click', async () => {
  const ack = await act('workshop:reopen', {});
  if (ack) putSettings(ack.settings);
});

$('agenda-add-kind').replaceChildren(...Object.entries(PHASES).map(([kind, label]) => el('option', { value: kind }, label)));
$('agenda-add').addEventListener('click', () => {
  const row = agendaRow({ kind: $('agenda-add-kind').value, name: '', minutes: null, question: null });
  $('agenda-rows').append(row);
  agendaDirty = true;
  row.querySelector('.agenda-name').focus();
});
$('agenda-form').addEventListener('input', () => { agendaDirty = true; });
$('agenda-undo').addEventListener('click', drawAgendaRows);
$('agenda-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const agenda = [...$('agenda-rows').children].map((row) => {
    const value = (selector) => row.querySelector(selector).value.trim();
    const phase = { kind: value('.agenda-kind') };
    if (value('.agenda-name')) phase.name = value('.agenda-name');
    if (value('.agenda-minutes')) phase.minutes = Number(value('.agenda-minutes'));
    if (value('.agenda-question')) phase.question = value('.agenda-question');
    return phase;
  });
  const ack = await act('agenda:set', { agenda });
  if (!ack) return;
  model.agenda = ack.agenda;
  model.phase = ack.phase;
  drawAgendaRows();
  drawRun();
  say(t('Agenda saved.'));
});

// --- talking to the server

/** Sends a steering action; a refusal is shown in the page's alert line. */
async function act(event, payload) {
  const ack = await request(socket, event, payload);
  $('error').hidden = ack.ok;
  if (!ack.ok) $('error').textContent = errorText(ack.error);
  return ack.ok ? ack : null;
}

function showError(message) {
  $('error').textContent = message;
  $('error').hidden = false;
}

/** Speaks through the polite live region. */
function say(text) {
  $('announce').textContent = text;
}

/**
 * A button that disables or hides itself under the keyboard's focus (Pause, Reveal votes...)
 * hands the focus to the first usable one of `ids`, instead of dropping it to the page's top.
 */
function passFocus(had, ids) {
  if (!had || !ids.includes(had.id) || !(had.disabled || had.hidden)) return;
  const next = ids.map($).find((b) => !b.disabled && !b.hidden);
  if (next) next.focus();
}

async function timer(event, payload) {
  const ack = await act(event, payload);
  if (ack) clock.set(ack.timer);
}

async function report(event, payload) {
  const ack = await act(event, payload);
  if (!ack) return;
  model.report = ack.report;
  drawReport();
}

async function shuffle(strategy) {
  const question = strategy === 'mixed'
    ? t('Shuffle everyone into new groups, mixing organisations across groups? Phones follow at once.')
    : t('Shuffle everyone into new groups, in groups of even size? Phones follow at once.');
  if (!window.confirm(question)) return;
  const ack = await act('groups:shuffle', { strategy });
  if (!ack) return;
  const text = tn('{n} person moved.', '{n} people moved.', ack.moved);
  $('people-message').textContent = text;
}

// --- the run of the workshop: agenda, phase, settings, report

const phaseIndex = () => (model.phase ? model.phase.index : -1);

async function setPhase(index) {
  if (index < 0 || index >= model.agenda.length) return;
  const ack = await act('phase:set', { index });
  if (ack) showPhase(ack.phase, ack.timer);
}

function showPhase(phase, timerNow) {
  const changed = !model.phase || model.phase.index !== phase.index;
  model.phase = phase;
  if (timerNow) clock.set(timerNow);
  if (changed) setMinutes();
  drawRun();
}

/** The timer's minutes box follows the phase, unless the facilitator is typing in it. */
function setMinutes() {
  if (document.activeElement === $('timer-minutes')) return;
  if (model.phase && model.phase.minutes) $('timer-minutes').value = model.phase.minutes;
}

function putSettings(settings) {
  if (!settings) return;
  model.settings = settings;
  drawRun();
}

/** Everything that follows the phase and the settings. */
function drawRun() {
  drawAgenda();
  drawSettings();
  drawDoor();
  drawReport();
  const closed = isClosed(model.phase, model.settings);
  const had = document.activeElement;
  $('workshop-close').hidden = Boolean(model.settings && model.settings.closed);
  $('workshop-reopen').hidden = !(model.settings && model.settings.closed);
  passFocus(had, ['workshop-close', 'workshop-reopen']);
  $('closed-banner').hidden = !closed;
  document.body.classList.toggle('is-closed', closed);
}

function drawAgenda() {
  const current = phaseIndex();
  const focused = $('agenda').contains(document.activeElement);
  $('agenda').replaceChildren(...model.agenda.map((phase, i) => el('li', {
    class: 'phase',
    'data-index': i,
    'data-kind': phase.kind,
    'aria-current': i === current ? 'step' : null,
  }, el('button', { type: 'button', class: 'phase-go', 'aria-current': i === current ? 'step' : null, onclick: () => setPhase(i) },
    el('span', { class: 'phase-name', dir: 'auto' }, phaseText(phase.name)),
    el('span', { class: 'phase-meta' }, [PHASES[phase.kind] || phase.kind, phase.minutes ? `${phase.minutes} min` : null]
      .filter(Boolean).join(' · '))))));
  const had = document.activeElement;
  $('phase-prev').disabled = current <= 0;
  $('phase-next').disabled = current < 0 || current >= model.agenda.length - 1;
  passFocus(had, ['phase-next', 'phase-prev']);
  const now = $('agenda').querySelector('[aria-current] button');
  if (focused && now) now.focus();
  if (now) { // a long agenda scrolls sideways to the current phase (never the page itself)
    const bar = $('agenda');
    const offset = now.getBoundingClientRect().left - bar.getBoundingClientRect().left;
    if (offset < 0 || offset + now.offsetWidth > bar.clientWidth) bar.scrollLeft += offset - 8;
  }
}

let rowCount = 0; // numbers the editor's rows, for their labels
function agendaRow(phase) {
  rowCount += 1;
  const n = rowCount;
  const field = (label, input) => el('label', { class: 'agenda-field' }, el('span', {}, label), input);
  const name = el('input', { class: 'agenda-name', maxlength: 60, dir: 'auto', placeholder: PHASES[phase.kind] });
  name.value = phase.name || '';
  const minutes = el('input', { class: 'agenda-minutes', type: 'number', min: 1, max: 600, step: 1, placeholder: '–' });
  minutes.value = phase.minutes == null ? '' : phase.minutes;
  const question = el('input', { class: 'agenda-question', maxlength: 1000, dir: 'auto', placeholder: t('The workshop’s question') });
  question.value = phase.question || '';
  const kind = el('select', { class: 'agenda-kind', onchange: () => { name.placeholder = PHASES[kind.value]; } },
    Object.entries(PHASES).map(([id, label]) => el('option', { value: id, selected: id === phase.kind }, t(label))));
  const row = el('li', { class: 'agenda-row', 'data-row': n },
    field(t('Kind'), kind), field(t('Name'), name), field(t('Minutes'), minutes), field(t('Question'), question),
    el('button', {
      type: 'button',
      class: 'agenda-remove',
      'aria-label': t('Remove this phase'),
      onclick: () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        agendaDirty = true;
        (next ? next.querySelector('.agenda-remove') : $('agenda-add')).focus();
      },
    }, t('Remove')));
  return row;
}

function drawAgendaRows() {
  $('agenda-rows').replaceChildren(...model.agenda.map(agendaRow));
  agendaDirty = false;
}

function drawSettings() {
  const s = model.settings;
  if (!s) return;
  $('settings').querySelectorAll('input[name]').forEach((input) => {
    if (input.type === 'checkbox') input.checked = Boolean(s[input.name]);
    else if (document.activeElement !== input) input.value = s[input.name];
  });
  drawRetention(s.retention_days);
  const had = document.activeElement;
  $('cards-reveal').hidden = !s.blur_cards || s.cards_revealed;
  $('votes-reveal').hidden = Boolean(s.votes_revealed);
  $('votes-hide').hidden = !s.votes_revealed;
  passFocus(had, ['votes-reveal', 'votes-hide', 'cards-reveal']);
}

/** The retention choice shows the stored rule; a day count set through the API gets its own option. */
function drawRetention(days) {
  const select = $('set-retention');
  const value = days == null ? 'keep' : String(days);
  if (![...select.options].some((option) => option.value === value)) {
    select.append(el('option', { value }, t('Delete {days} days after closing', { days })));
  }
  if (document.activeElement !== select) select.value = value;
}

function drawReport() {
  const r = model.report;
  const chosen = r && r.view === 'group' ? r.group_id : null;
  $('report-group').replaceChildren(el('option', { value: '' }, t('Choose…')),
    ...model.groups.map((g) => el('option', { value: g.id, selected: g.id === chosen }, g.name)));
  const live = isClosed(model.phase, model.settings) || (model.phase && model.phase.kind === 'report');
  const what = r && r.view === 'synthesis' ? t('the synthesis of all groups') : chosen != null && groupName(chosen);
  let text = t('The projector shows the report in a “Report back” phase and once the workshop is closed.');
  if (what) text = live ? t('On the projector: {what}.', { what }) : t('Ready for report back: {what}. {more}', { what, more: text });
  $('report-current').textContent = text;
}

const groupName = (id) => (model.groups.find((g) => g.id === id) || { name: '…' }).name;

// --- the spotlight: one card or theme full screen on the projector, and what the projector shows

/** Puts `{card_id}` or `{theme_id}` on the projector; the banner follows the ack. */
async function spotlight(target) {
  const ack = await act('spotlight:show', target);
  if (!ack) return;
  model.spotlight = ack.spotlight;
  drawSpotlight();
  say(t('On the projector: {what}', { what: spotlightText() }));
}

async function takeBack() {
  const ack = await act('spotlight:clear', {});
  if (!ack) return;
  const had = $('spotlight-banner').contains(document.activeElement);
  model.spotlight = null;
  drawSpotlight();
  if (had) $('spotlight-clear').blur();
  say(t('The projector shows the board again.'));
}

/** The spotlit card's text or theme's name. */
function spotlightText() {
  const s = model.spotlight;
  if (!s) return '';
  const item = s.card_id != null ? model.cards.get(s.card_id) : model.themes.get(s.theme_id);
  if (!item) return '…';
  return s.card_id != null ? item.text : item.name;
}

function drawSpotlight() {
  const on = Boolean(model.spotlight);
  $('spotlight-banner').hidden = !on;
  $('spotlight-text').textContent = spotlightText();
  $('spotlight-kind').textContent = on && model.spotlight.theme_id != null ? t('Theme') : t('Card');
  document.querySelectorAll('#groups [data-spotlit]').forEach((node) => node.removeAttribute('data-spotlit'));
  if (!on) return;
  const selector = model.spotlight.card_id != null
    ? `li.card[data-card-id="${model.spotlight.card_id}"]` : `.theme[data-theme-id="${model.spotlight.theme_id}"]`;
  const node = $('groups').querySelector(selector);
  if (node) node.dataset.spotlit = 'true';
}

$('spotlight-clear').addEventListener('click', takeBack);

/** Whether a key press belongs to a text field (typing "s" there is just a letter). */
const inField = (target) => Boolean(target.closest && target.closest('input, textarea, select, [contenteditable]'));

// "s" on a focused card spotlights it; Escape takes the spotlight back (not while dragging
// or typing: Escape there cancels the drag or the edit).
document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) return;
  if (event.key === 's' || event.key === 'S') {
    const li = event.target.closest && event.target.closest('#groups li.card[data-card-id]');
    if (!li) return;
    event.preventDefault();
    spotlight({ card_id: Number(li.dataset.cardId) });
  } else if (event.key === 'Escape' && model.spotlight && !drag) {
    event.preventDefault();
    takeBack();
  }
});

// The projector's page, small, only while "What the projector shows" is open: a closed
// preview loads nothing.
$('preview').addEventListener('toggle', () => {
  const frame = $('preview-frame');
  if ($('preview').open) frame.src = frame.dataset.src;
  else frame.removeAttribute('src');
});

// --- the groups: people, themes, cards

function putCard(card) {
  const old = model.cards.get(card.id);
  model.cards.set(card.id, card);
  if (model.spotlight && model.spotlight.card_id === card.id) drawSpotlight();
  refresh(card.group_id);
  if (old && old.group_id !== card.group_id) refresh(old.group_id);
  if (!old || old.organisation !== card.organisation) drawFilter();
}

function putPerson(person) {
  if (person.removed) {
    dropPerson(person.id);
    return;
  }
  if (model.removed.delete(person.id)) drawPeopleTools(); // let back in
  const old = model.people.get(person.id);
  model.people.set(person.id, person);
  refresh(person.group_id);
  if (old && old.group_id !== person.group_id) refresh(old.group_id);
}

function dropPerson(id) {
  const person = model.people.get(id);
  if (!model.people.delete(id)) return;
  model.removed.set(id, { ...person, removed: true, online: false });
  picked.delete(id);
  refresh(person.group_id);
  drawPeopleTools();
}

function putTheme(theme) {
  model.themes.set(theme.id, theme);
  if (model.spotlight && model.spotlight.theme_id === theme.id) drawSpotlight();
  refresh(theme.group_id);
  drawFilter();
}

function dropTheme(id, groupId) {
  model.themes.delete(id);
  for (const card of model.cards.values()) {
    if (card.theme_id === id) model.cards.set(card.id, { ...card, theme_id: null });
  }
  refresh(groupId);
  drawFilter();
}

// Group names appear in every "Move to…" list, so a new or renamed group redraws the board;
// the control that had the focus gets it back.
function putGroup(group) {
  model.groups = model.groups.filter((g) => g.id !== group.id).concat(group)
    .sort((a, b) => a.position - b.position);
  const active = document.activeElement;
  const focused = active && active.closest('#groups [data-group-id]');
  const again = active && ['group-lock', 'group-limit'].find((c) => active.classList.contains(c));
  drawBoard();
  drawReport();
  if (focused) {
    const next = $('groups').querySelector(`[data-group-id="${focused.dataset.groupId}"] .${again || 'group-rename'}`);
    if (next) next.focus();
  }
}

function drawPeopleLine() {
  const { people: total = 0, online = 0 } = model.counts || {};
  $('people').textContent = t('{people} · {online} online', { people: people(total), online });
}

function drawFilter() {
  const options = (id, all, values) => {
    const select = $(id);
    const current = select.value;
    select.replaceChildren(el('option', { value: '' }, all),
      ...values.map(([value, label]) => el('option', { value, selected: value === current }, label)));
  };
  options('filter', t('All kinds'), model.kinds.map((k) => [k.id, k.label]));
  const names = [...new Set([...model.themes.values()].map((t) => t.name))].sort((a, b) => a.localeCompare(b));
  options('filter-theme', t('All themes'), [['none', t('No theme')], ...names.map((n) => [`name:${n}`, n])]);
  const orgs = new Set();
  model.cards.forEach((c) => { if (c.organisation) orgs.add(c.organisation); });
  model.people.forEach((p) => { if (p.organisation) orgs.add(p.organisation); });
  options('filter-org', t('All organisations'), [...orgs].sort((a, b) => a.localeCompare(b)).map((o) => [o, o]));
}

/** Whether a card passes the filter bar (kind, theme, organisation). */
function shows(card) {
  const kind = $('filter').value;
  const theme = $('filter-theme').value;
  const org = $('filter-org').value;
  const themed = model.themes.get(card.theme_id);
  if (kind && card.kind !== kind) return false;
  if (theme === 'none' && themed) return false;
  if (theme.startsWith('name:') && (!themed || `name:${themed.name}` !== theme)) return false;
  return !org || card.organisation === org;
}

function drawBoard() {
  columns = new Map(model.groups.map((g) => [g.id, column(g)]));
  $('groups').replaceChildren(...[...columns.values()].map((c) => c.node));
  model.groups.forEach((g) => refresh(g.id));
  drawCounts();
}

function refreshAll() {
  model.groups.forEach((g) => refresh(g.id));
}

const themesOf = (groupId) => [...model.themes.values()].filter((t) => t.group_id === groupId)
  .sort((a, b) => a.created_at - b.created_at || a.id - b.id);

// A redraw must not throw a keyboard user back to the top of the page: note which control of
// which card, person or theme has focus, and focus the same one in the redrawn column.
const OWNERS = ['data-card-id', 'data-participant-id', 'data-theme-id'];
const TWINS = { 'card-hide': 'card-unhide', 'card-unhide': 'card-hide' };

function focusedIn(root) {
  const active = document.activeElement;
  if (!active || !root.contains(active)) return null;
  const attr = OWNERS.find((a) => active.closest(`[${a}]`));
  if (!attr) return null;
  const control = [...active.classList].find((c) => /^(card|person|theme)-/.test(c));
  return control && { attr, id: active.closest(`[${attr}]`).getAttribute(attr), control };
}

function restoreFocus(root, was) {
  if (!was) return;
  const owner = root.querySelector(`[${was.attr}="${was.id}"]`);
  if (!owner) return;
  const target = owner.querySelector(`.${was.control}`) || owner.querySelector(`.${TWINS[was.control]}`);
  if (target && document.activeElement !== target) target.focus();
}

/** Redraws one group's people, themes and cards from the model, keeping the keyboard focus. */
function refresh(groupId) {
  const col = columns.get(groupId);
  if (!col) return;
  const was = focusedIn(col.node);
  redraw(col, groupId);
  restoreFocus(col.node, was);
}

function redraw(col, groupId) {
  const members = [...model.people.values()].filter((p) => p.group_id === groupId)
    .sort((a, b) => a.joined_at - b.joined_at);
  col.peopleHeading.textContent = t('People ({n})', { n: members.length });
  col.drawPeople(members.map((p) => [p.id, p]));
  const themes = themesOf(groupId);
  // Each card's "Move to theme" list names the themes: a new set of themes rebuilds the zones.
  const signature = themes.map((t) => `${t.id}:${t.name}`).join('\n');
  if (signature !== col.signature) {
    col.signature = signature;
    drawZones(col, themes);
  }
  const shown = [...model.cards.values()].filter((c) => c.group_id === groupId && shows(c)).sort(byNewest);
  for (const [key, zone] of col.zones) {
    zone.draw(shown.filter((c) => (col.zones.has(c.theme_id) ? c.theme_id : 'none') === key).map((c) => [c.id, c]));
  }
  drawTallies();
  updateMerge(col);
  drawSpotlight();
}

function drawZones(col, themes) {
  col.zones = new Map();
  // Named with their group too ("No theme, Ops"): two groups' zones may share a name.
  const groupId = col.node.dataset.groupId;
  const group = `group-${groupId}-name`;
  const zone = (theme) => {
    const list = el('ol', { class: 'cards' });
    const node = theme
      ? el('section', { class: 'theme', 'data-theme-id': theme.id, 'aria-labelledby': `theme-${theme.id}-name ${group}` }, themeHead(theme), list)
      : el('section', { class: 'no-theme', 'aria-labelledby': `zone-${groupId}-none ${group}` },
        el('h4', { class: 'zone-name', id: `zone-${groupId}-none`, hidden: themes.length === 0 }, t('No theme')), list);
    col.zones.set(theme ? theme.id : 'none', { node, draw: keyedList(list, cardItem) });
    return node;
  };
  col.zoneBox.replaceChildren(...themes.map(zone), zone(null));
}

function drawCounts() {
  const groups = (model.counts && model.counts.groups) || {};
  for (const [id, col] of columns) {
    const tally = (groups[id] && groups[id].cards) || {};
    col.counts.replaceChildren(...model.kinds.map((k, i) => el('span',
      { class: 'count', 'data-kind': k.id, 'data-kind-index': i },
      el('span', { dir: 'auto' }, k.label), ' ', el('strong', {}, tally[k.id] || 0))));
  }
}

const votesOn = (type, id) => ((model.tallies && model.tallies[type] && model.tallies[type][id]) || 0);

function setTally(node, votes) {
  if (!node) return;
  node.dataset.votes = votes;
  node.textContent = tn('{n} vote', '{n} votes', votes);
}

/** Tallies change often: they are set in place, without rebuilding any card. */
function drawTallies() {
  $('groups').querySelectorAll('li.card[data-card-id]').forEach((li) => {
    setTally(li.querySelector('.card-top .tally'), votesOn('cards', li.dataset.cardId));
  });
  $('groups').querySelectorAll('.theme[data-theme-id]').forEach((zone) => {
    setTally(zone.querySelector('.theme-title .tally'), votesOn('themes', zone.dataset.themeId));
  });
}

function column(group) {
  const cards = el('div', { class: 'zones' });
  const members = el('ul', { class: 'people' });
  const counts = el('p', { class: 'group-counts' });
  const peopleHeading = el('h3', { class: 'people-heading' }, t('People'));
  const suggestions = el('ul', { class: 'suggestions', 'aria-label': t('Suggested themes for {group}', { group: group.name }) });
  const merge = el('button', {
    type: 'button',
    class: 'merge-cards',
    disabled: true,
    title: t('Merge the ticked cards into the first of them, as listed'),
    onclick: () => mergeCards(group.id),
  }, t('Merge into first'));
  const node = el('section', { class: 'group', 'data-group-id': group.id, 'data-locked': String(Boolean(group.locked)), 'aria-labelledby': `group-${group.id}-name` },
    groupHead(group), groupControls(group), counts, peopleHeading, members,
    el('h3', {}, t('Cards')),
    el('div', { class: 'group-tools' }, themeCreateForm(group),
      el('button', { type: 'button', class: 'suggest-themes', onclick: () => suggest(group, suggestions) }, t('Suggest themes')),
      merge),
    suggestions, cards);
  return {
    node,
    counts,
    peopleHeading,
    merge,
    zoneBox: cards,
    zones: new Map(),
    signature: null,
    drawPeople: keyedList(members, personItem),
  };
}

/** The group's name with a Rename button that turns into an inline form. */
function groupHead(group) {
  const nameId = `group-${group.id}-name`;
  const title = el('div', { class: 'group-title' },
    el('h2', { id: nameId, class: 'group-name', dir: 'auto' }, group.name),
    group.locked && el('span', { class: 'group-flag' }, t('locked')),
    el('button', { type: 'button', class: 'group-rename', 'aria-describedby': nameId, onclick: () => toggle(true) }, t('Rename')));
  const input = el('input', {
    class: 'group-rename-input', name: 'name', maxlength: 60, required: true, dir: 'auto',
    'aria-label': t('New name for {name}', { name: group.name }),
    onkeydown: (event) => { if (event.key === 'Escape') toggle(false); },
  });
  const form = el('form', { class: 'group-rename-form', hidden: true, onsubmit: rename },
    input,
    el('button', { type: 'submit', class: 'primary' }, t('Save')),
    el('button', { type: 'button', onclick: () => toggle(false) }, t('Cancel')));

  function toggle(open) {
    title.hidden = open;
    form.hidden = !open;
    if (!open) {
      title.querySelector('button').focus();
      return;
    }
    input.value = group.name;
    input.focus();
    input.select();
  }
  async function rename(event) {
    event.preventDefault();
    const ack = await act('group:rename', { group_id: group.id, name: input.value.trim() });
    if (ack) putGroup(ack.group);
  }
  return el('header', { class: 'group-head' }, title, form);
}

/** Lock (nobody joins or posts) and size limit (for self-select). */
function groupControls(group) {
  const nameId = `group-${group.id}-name`;
  const limit = el('input', {
    type: 'number', class: 'group-limit', min: 1, max: 1000, step: 1, placeholder: t('none'),
    onchange: async () => {
      const value = limit.value.trim();
      const ack = await act('group:limit', { group_id: group.id, size_limit: value === '' ? null : Number(value) });
      if (ack) putGroup(ack.group);
      else limit.value = group.size_limit == null ? '' : group.size_limit;
    },
  });
  limit.value = group.size_limit == null ? '' : group.size_limit;
  return el('div', { class: 'group-controls' },
    el('button', {
      type: 'button',
      class: 'group-lock',
      'data-locked': String(Boolean(group.locked)),
      'aria-describedby': nameId,
      onclick: async () => {
        const ack = await act('group:lock', { group_id: group.id, locked: !group.locked });
        if (ack) putGroup(ack.group);
      },
    }, group.locked ? t('Unlock') : t('Lock')),
    el('label', { class: 'group-limit-label' }, `${t('Size limit')} `, limit));
}

function personItem(person) {
  const name = person.name || t('Anonymous');
  const others = model.groups.filter((g) => g.id !== person.group_id);
  const select = el('select', {
    class: 'person-move',
    'aria-label': t('Move {name} to another group', { name }),
    disabled: others.length === 0,
    onchange: async () => {
      const ack = await act('participant:move', { participant_id: person.id, group_id: Number(select.value) });
      select.value = '';
      if (ack) putPerson(ack.participant);
    },
  },
  el('option', { value: '' }, t('Move to…')),
  others.map((g) => el('option', { value: g.id }, g.name)));
  const presence = person.online ? t('online') : t('offline');
  const flag = model.flags.get(person.id);
  const pick = el('input', {
    type: 'checkbox',
    class: 'person-pick',
    checked: picked.has(person.id),
    'aria-label': t('Select {name}', { name }),
    onchange: () => {
      if (pick.checked) picked.add(person.id);
      else picked.delete(person.id);
      drawPeopleTools();
    },
  });
  return el('li', {
    class: 'person', 'data-participant-id': person.id, 'data-online': String(person.online), 'data-flagged': String(Boolean(flag)),
  },
    pick,
    el('span', { class: 'presence', title: presence }, el('span', { class: 'visually-hidden' }, presence)),
    el('span', { class: 'person-name', dir: 'auto' }, name),
    person.organisation && el('span', { class: 'person-org', dir: 'auto' }, person.organisation),
    flag && el('span', { class: 'person-flag' }, flagText(flag)),
    select,
    el('button', {
      type: 'button',
      class: 'person-remove',
      'aria-label': t('Remove {name} from the workshop', { name }),
      onclick: async () => {
        if (!window.confirm(t('Remove {name} from the workshop? Their cards stay.', { name }))) return;
        const ack = await act('participant:remove', { participant_id: person.id });
        if (ack) dropPerson(person.id);
      },
    }, t('Remove')));
}

const doorClosed = () => Boolean(model.settings && model.settings.door_closed);

/** The door toggle says what a click does; the badge beside it says how it is now. */
function drawDoor() {
  const closed = doorClosed();
  $('door-toggle').textContent = closed ? t('Open the door') : t('Close the door to new people');
  $('door-toggle').dataset.closed = String(closed);
  $('door-state').textContent = closed ? t('Door closed: only people who joined before get in') : t('Door open: new people may join');
  $('door-state').dataset.closed = String(closed);
}

/** Why a person is flagged, in words: never the address, only a number for it. */
function flagText(flag) {
  const why = flag.reasons.map((reason) => (reason === 'many_from_address'
    ? t('many people joined from one address at once')
    : t('joined from the address of a removed person')));
  return t('Check: {why} (address {n})', { why: why.join('; '), n: flag.source });
}

/** A bulk removal's answer: how many left (each phone is told; the list follows the events). */
function removed(ack) {
  if (!ack) return;
  $('people-message').textContent = tn('{n} person removed.', '{n} people removed.', ack.removed);
}

/** Remove selected, the flags line and the removed people with "Let back in". */
function drawPeopleTools() {
  const ids = [...picked].filter((id) => model.people.has(id));
  $('remove-selected').disabled = ids.length === 0;
  $('remove-selected').textContent = ids.length ? t('Remove selected ({n})', { n: ids.length }) : t('Remove selected');
  const flagged = [...model.flags.keys()].filter((id) => model.people.has(id)).length;
  $('flags-line').hidden = flagged === 0;
  $('flags-line').textContent = tn('⚑ {n} person joined much faster than a room does: see the flags below.',
    '⚑ {n} people joined much faster than a room does: see the flags below.', flagged);
  const gone = [...model.removed.values()].sort((a, b) => a.joined_at - b.joined_at);
  $('removed-people').hidden = gone.length === 0;
  $('removed-summary').textContent = t('Removed people ({n})', { n: gone.length });
  const had = $('removed-list').contains(document.activeElement);
  $('removed-list').replaceChildren(...gone.map((person) => {
    const name = person.name || t('Anonymous');
    return el('li', { 'data-participant-id': person.id },
      el('span', { class: 'person-name', dir: 'auto' }, name),
      el('button', {
        type: 'button',
        class: 'person-readmit',
        'aria-label': t('Let {name} back in', { name }),
        onclick: async () => {
          const ack = await act('participant:readmit', { participant_id: person.id });
          if (ack) putPerson(ack.participant);
        },
      }, t('Let back in')));
  }));
  if (had && !$('removed-list').contains(document.activeElement)) $('removed-summary').focus();
}

// --- themes

function themeCreateForm(group) {
  const input = el('input', {
    class: 'theme-create-name', name: 'name', maxlength: 60, required: true, dir: 'auto',
    placeholder: t('New theme'), 'aria-label': t('New theme in {group}', { group: group.name }),
  });
  return el('form', {
    class: 'theme-create-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const ack = await act('theme:create', { group_id: group.id, name: input.value.trim() });
      if (!ack) return;
      input.value = '';
      putTheme(ack.theme);
    },
  }, input, el('button', { type: 'submit' }, t('Add theme')));
}

function themeHead(theme) {
  const nameId = `theme-${theme.id}-name`;
  const title = el('div', { class: 'theme-title' },
    el('h4', { class: 'theme-name', id: nameId, dir: 'auto' }, theme.name),
    tallyNode(votesOn('themes', theme.id)),
    el('button', { type: 'button', class: 'theme-spotlight', 'aria-describedby': nameId, onclick: () => spotlight({ theme_id: theme.id }) }, t('Spotlight')),
    el('button', { type: 'button', class: 'theme-rename', 'aria-describedby': nameId, onclick: () => toggle(true) }, t('Rename')),
    el('button', {
      type: 'button',
      class: 'theme-delete',
      'aria-describedby': nameId,
      onclick: async () => {
        if (!window.confirm(t('Delete the theme “{name}”? Its cards stay, without a theme.', { name: theme.name }))) return;
        const ack = await act('theme:delete', { theme_id: theme.id });
        if (ack) dropTheme(theme.id, theme.group_id);
      },
    }, t('Delete')));
  const input = el('input', {
    class: 'theme-rename-input', maxlength: 60, required: true, dir: 'auto', 'aria-label': t('New name for {name}', { name: theme.name }),
    onkeydown: (event) => { if (event.key === 'Escape') toggle(false); },
  });
  const form = el('form', {
    class: 'theme-rename-form',
    hidden: true,
    onsubmit: async (event) => {
      event.preventDefault();
      const ack = await act('theme:rename', { theme_id: theme.id, name: input.value.trim() });
      if (ack) putTheme(ack.theme);
    },
  }, input, el('button', { type: 'submit', class: 'primary' }, t('Save')),
  el('button', { type: 'button', onclick: () => toggle(false) }, t('Cancel')));
  function toggle(open) {
    title.hidden = open;
    form.hidden = !open;
    if (!open) {
      title.querySelector('.theme-rename').focus();
      return;
    }
    input.value = theme.name;
    input.focus();
    input.select();
  }
  return el('header', { class: 'theme-head' }, title, form);
}

async function setTheme(cardId, themeId) {
  const ack = await act('card:theme', { card_id: cardId, theme_id: themeId });
  if (ack) putCard(ack.card);
  return ack;
}

async function suggest(group, list) {
  const ack = await act('theme:suggest', { group_id: group.id });
  if (!ack) return;
  list.replaceChildren(...(ack.suggestions.length
    ? ack.suggestions.map((s) => suggestionItem(group, s))
    : [el('li', { class: 'suggestion-none' }, t('No suggestions: no cards are alike enough yet.'))]));
  say(tn('{n} suggested theme for {group}.', '{n} suggested themes for {group}.', ack.suggestions.length, { group: group.name }));
}

/** A suggested theme: its name (editable), the cards it would gather, Accept or Dismiss. */
function suggestionItem(group, suggestion) {
  const name = el('input', { class: 'suggestion-name', maxlength: 60, dir: 'auto', 'aria-label': t('Name of the suggested theme') });
  name.value = suggestion.name;
  const texts = suggestion.card_ids.map((id) => model.cards.get(id)).filter(Boolean)
    .map((c) => el('li', { dir: 'auto' }, c.text));
  const item = el('li', { class: 'suggestion' }, name, el('ul', { class: 'suggestion-cards' }, texts),
    el('div', { class: 'card-actions' },
      el('button', { type: 'button', class: 'suggestion-accept primary', onclick: accept }, t('Accept')),
      el('button', { type: 'button', class: 'suggestion-dismiss', onclick: () => item.remove() }, t('Dismiss'))));
  async function accept() {
    const created = await act('theme:create', { group_id: group.id, name: name.value.trim() });
    if (!created) return;
    putTheme(created.theme);
    for (const id of suggestion.card_ids) {
      if (!(await setTheme(id, created.theme.id))) return; // the error is shown; keep the suggestion
    }
    item.remove();
    const n = suggestion.card_ids.length;
    say(tn('Theme “{name}” created with {n} card.', 'Theme “{name}” created with {n} cards.', n, { name: created.theme.name }));
  }
  return item;
}

// --- cards

function cardItem(card) {
  const li = cardNode(card, model.kinds);
  const textId = `card-${card.id}-text`;
  li.dataset.hidden = String(card.hidden);
  li.tabIndex = 0; // focused, "s" puts it on the projector
  if (model.spotlight && model.spotlight.card_id === card.id) li.dataset.spotlit = 'true';
  if (card.hidden) li.querySelector('.card-kind').append(el('span', { class: 'card-flag' }, t('hidden')));
  li.prepend(el('div', { class: 'card-top' },
    el('span', { class: 'card-grip', 'aria-hidden': 'true', title: t('Drag into a theme') }, '⠿'),
    el('label', { class: 'card-select-label' },
      el('input', {
        type: 'checkbox',
        class: 'card-select',
        checked: selected.has(card.id),
        'aria-describedby': textId,
        onchange: (event) => {
          if (event.target.checked) selected.add(card.id);
          else selected.delete(card.id);
          updateMerge(columns.get(card.group_id));
        },
      }),
      el('span', {}, t('Select'))),
    tallyNode(votesOn('cards', card.id))));
  const others = model.groups.filter((g) => g.id !== card.group_id);
  li.append(el('div', { class: 'card-actions' },
    el('button', {
      type: 'button',
      class: card.hidden ? 'card-unhide' : 'card-hide',
      'aria-describedby': textId,
      onclick: async () => {
        const ack = await act(card.hidden ? 'card:unhide' : 'card:hide', { card_id: card.id });
        if (ack) putCard(ack.card);
      },
    }, card.hidden ? t('Unhide') : t('Hide')),
    el('button', { type: 'button', class: 'card-correct', 'aria-describedby': textId, onclick: () => startCorrect(li, card) }, t('Correct')),
    el('button', {
      type: 'button', class: 'card-spotlight', 'aria-describedby': textId, disabled: card.hidden, onclick: () => spotlight({ card_id: card.id }),
    }, t('Spotlight')),
    el('select', {
      class: 'card-theme',
      'aria-label': t('Move to theme…'),
      'aria-describedby': textId,
      onchange: (event) => setTheme(card.id, event.target.value ? Number(event.target.value) : null),
    }, el('option', { value: '', selected: card.theme_id == null }, t('No theme')),
    themesOf(card.group_id).map((t) => el('option', { value: t.id, selected: t.id === card.theme_id }, t.name))),
    el('select', {
      class: 'card-move',
      'aria-label': t('Move to another group'),
      'aria-describedby': textId,
      disabled: others.length === 0,
      onchange: async (event) => {
        const ack = await act('card:move', { card_id: card.id, group_id: Number(event.target.value) });
        event.target.value = '';
        if (ack) putCard(ack.card);
      },
    }, el('option', { value: '' }, t('Move to group…')), others.map((g) => el('option', { value: g.id }, g.name)))));
  li.addEventListener('pointerdown', (event) => startDrag(event, card.id, li));
  return li;
}

/** The facilitator corrects a card's text (a typo, a name that should not be there). */
function startCorrect(li, card) {
  const view = li.querySelectorAll('.card-text, .card-actions');
  const area = el('textarea', { class: 'card-correct-text', maxlength: 500, rows: 3, dir: 'auto', 'aria-label': t('Corrected text') });
  area.value = card.text;
  const close = () => {
    form.remove();
    view.forEach((node) => { node.hidden = false; });
    li.querySelector('.card-correct').focus();
  };
  const form = el('form', {
    class: 'card-correct-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const ack = await act('card:correct', { card_id: card.id, text: area.value.trim() });
      if (!ack) return;
      putCard(ack.card); // rebuilds the card, back in view mode
      const again = $('groups').querySelector(`[data-card-id="${card.id}"] .card-correct`);
      if (again) again.focus();
    },
  }, area, el('div', { class: 'card-actions' },
    el('button', { type: 'submit', class: 'primary card-correct-save' }, t('Save')),
    el('button', { type: 'button', class: 'card-correct-cancel', onclick: close }, t('Cancel'))));
  view.forEach((node) => { node.hidden = true; });
  li.querySelector('.card-text').after(form);
  area.focus();
}

function updateMerge(col) {
  if (!col) return;
  col.merge.disabled = col.zoneBox.querySelectorAll('.card-select:checked').length < 2;
}

async function mergeCards(groupId) {
  const col = columns.get(groupId);
  const ids = [...col.zoneBox.querySelectorAll('.card-select:checked')]
    .map((box) => Number(box.closest('[data-card-id]').dataset.cardId));
  if (ids.length < 2) return;
  const [into, ...rest] = ids;
  const ack = await act('card:merge', { into, cards: rest });
  if (!ack) return;
  ids.forEach((id) => selected.delete(id));
  rest.forEach((id) => model.cards.delete(id));
  putCard(ack.card);
  say(t('{n} cards merged into one.', { n: rest.length + 1 }));
}

// --- dragging cards into themes, with pointer events so that mouse, pen and touch all work.
// A mouse drags a card from anywhere but its controls; a finger from the grip (⠿), so that
// swiping over cards still scrolls the page.

let drag = null; // {id, groupId, li, x, y, ghost, over}

function startDrag(event, id, li) {
  if (drag || event.button !== 0) return;
  const onGrip = event.target.closest('.card-grip');
  if (!onGrip && (event.pointerType === 'touch' || event.target.closest('button, select, input, textarea, label, a, form'))) return;
  const card = model.cards.get(id);
  if (!card) return;
  drag = { id, groupId: card.group_id, li, x: event.clientX, y: event.clientY, ghost: null, over: null };
  if (onGrip) event.preventDefault();
  document.addEventListener('pointermove', moveDrag);
  document.addEventListener('pointerup', endDrag);
  document.addEventListener('pointercancel', stopDrag);
  document.addEventListener('keydown', escapeDrag);
}

function moveDrag(event) {
  if (!drag.ghost) {
    if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 6) return;
    const card = model.cards.get(drag.id);
    drag.ghost = document.body.appendChild(el('div', { class: 'drag-ghost', 'aria-hidden': 'true', dir: 'auto' },
      card ? card.text : ''));
    drag.li.classList.add('is-dragging');
    document.body.classList.add('is-dragging-card');
    window.getSelection().removeAllRanges();
  }
  event.preventDefault();
  drag.ghost.style.transform = `translate(${event.clientX + 12}px, ${event.clientY + 12}px)`;
  const zone = zoneAt(event);
  if (zone !== drag.over) {
    if (drag.over) drag.over.classList.remove('is-over');
    if (zone) zone.classList.add('is-over');
    drag.over = zone;
  }
}

/** The theme or "no theme" zone under the pointer, in the dragged card's own group. */
function zoneAt(event) {
  const hit = document.elementFromPoint(event.clientX, event.clientY);
  const zone = hit && hit.closest('.theme[data-theme-id], .no-theme');
  const group = zone && zone.closest('[data-group-id]');
  return group && Number(group.dataset.groupId) === drag.groupId ? zone : null;
}

function endDrag(event) {
  const moved = Boolean(drag.ghost);
  const zone = moved ? zoneAt(event) : null;
  const { id } = drag;
  stopDrag();
  const card = model.cards.get(id);
  if (!zone || !card) return;
  const themeId = zone.dataset.themeId ? Number(zone.dataset.themeId) : null;
  if (themeId !== (card.theme_id == null ? null : card.theme_id)) setTheme(id, themeId);
}

function escapeDrag(event) {
  if (event.key === 'Escape') stopDrag();
}

function stopDrag() {
  if (!drag) return;
  if (drag.ghost) drag.ghost.remove();
  if (drag.over) drag.over.classList.remove('is-over');
  drag.li.classList.remove('is-dragging');
  document.body.classList.remove('is-dragging-card');
  document.removeEventListener('pointermove', moveDrag);
  document.removeEventListener('pointerup', endDrag);
  document.removeEventListener('pointercancel', stopDrag);
  document.removeEventListener('keydown', escapeDrag);
  drag = null;
}
