// The attendee's phone: join the workshop, then post, edit and delete cards in one's group,
// follow the phase and the shared timer, vote with dots, follow report-back, and read the
// summary at the end. Every state a person is in says so; a tap is answered where it was.
import { connect, request, showStatus } from './lib/socket.js';
import { errorText, phaseText, t, tn } from './lib/i18n.js';
import { byNewest, cardNode, el, keyedList } from './lib/render.js';
import { createOutbox } from './lib/outbox.js';
import { allowsCards, allowsVotes, createClock, isClosed, mergeTallies, mmss, secondsLeft } from './lib/run.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;
const tokenKey = `workshop:${code}:token`;
const draftKey = `workshop:${code}:draft`;
const kindKey = `workshop:${code}:kind`; // kept over a reload (a language change)
const box = $('post-text');

let state = null; // the last `state`, kept current by the live events
let cards = new Map(); // card id -> Card: the visible cards of my group
let others = new Map(); // card id -> Card: my own cards the group's list does not show
let groupId = null; // my group as last drawn, to notice a move by the facilitator
let removed = false; // the facilitator removed us: stay put, never reconnect
// A phone that joined before is let in through a closed door: it never shows the notice.
if (localStorage.getItem(tokenKey)) $('door').hidden = true;
const OTHER = { name: t('Other cards') }; // the heading of unthemed cards once themes exist

// A function, so every reconnect reads the token that `join` stored (or its absence).
const socket = connect((send) => {
  const token = localStorage.getItem(tokenKey);
  send(token ? { code, token } : { code });
}, code);
showStatus(socket, $('status'), t('Offline – your cards are kept and will be sent'));
socket.on('connect_error', (err) => {
  if (err.data && err.data.code === 'removed') showRemoved(err.data.message);
  if (!err.data || err.data.code !== 'bad_token') return;
  localStorage.removeItem(tokenKey); // the server does not know us: join again as new
  socket.connect();
});

const justSaved = new Set(); // card ids acknowledged a moment ago: they show "saved"
const outbox = createOutbox(socket, `workshop:${code}:outbox`, (item, ack) => {
  if (item.event === 'vote:cast') return voted(ack, item.payload);
  if (ack.ok) {
    keep(ack.card); // a resend is answered but not announced again
    justSaved.add(ack.card.id);
    setTimeout(() => { justSaved.delete(ack.card.id); drawCards(); }, 3000);
  } else if (item.event === 'card:edit') {
    editRefused(item.payload.card_id, ack.error);
  } else {
    putBack(item.payload, ack.error);
  }
  drawCards();
});
// Pending items say whether they are on their way or waiting for the connection.
socket.on('connect', () => drawCards());
socket.on('disconnect', () => drawCards());
const drawList = keyedList($('cards'), (data) => {
  if (data.event) return pendingItem(data);
  return data.kind ? cardItem(data) : el('li', { class: 'theme-head', 'data-theme-id': data.id },
    el('h3', { class: 'theme-name', id: data.id && `theme-${data.id}-name`, dir: 'auto' }, data.name));
});
const clock = createClock((seconds, timer) => {
  const face = $('timer');
  const running = Boolean(timer && timer.running);
  face.hidden = !timer || !(running || timer.duration > 0 || timer.remaining > 0)
    || isClosed(state && state.phase, state && state.settings);
  // Up: ran out. Paused: stopped part-way. A new phase's fresh timer clears both.
  const done = Boolean(timer) && seconds <= 0 && (running || timer.duration > 0);
  const paused = Boolean(timer) && !running && !done && timer.remaining < timer.duration;
  face.dataset.running = String(running);
  face.dataset.state = done ? 'done' : (paused ? 'paused' : (running ? 'running' : 'idle'));
  face.textContent = done ? t('Time’s up') : (paused ? t('Paused {time}', { time: mmss(seconds) }) : mmss(seconds));
  face.classList.toggle('is-done', done);
}, () => {
  try { if (navigator.vibrate) navigator.vibrate([120, 80, 120]); } catch { /* not allowed here */ }
  say(t('Time’s up.'));
}, (seconds) => say(tn('{n} minute left.', '{n} minutes left.', seconds / 60)));

socket.on('state', show);
socket.on('card:added', ({ card }) => {
  if (!joined()) return;
  const isNew = !cards.has(card.id);
  keep(card);
  drawCards();
  if (isNew && card.participant_id !== state.me.id) {
    const kind = state.kinds.find((k) => k.id === card.kind);
    const params = { kind: kind ? kind.label : t('card'), author: card.author || t('Anonymous'), text: card.text };
    say(card.blurred ? t('New {kind} from {author}', params) : t('New {kind} from {author}: {text}', params));
  }
});
socket.on('card:updated', ({ card }) => {
  if (!joined()) return;
  keep(card);
  drawCards();
});
socket.on('card:deleted', drop);
socket.on('card:hidden', ({ card_id: id }) => {
  const card = cards.get(id);
  if (card && state.me && card.participant_id === state.me.id) {
    // Its author still sees it, so as not to post it again thinking it lost.
    others.set(id, { ...card, hidden: true });
    tell(t('The facilitator set one of your cards aside. You still see it under “Your other cards”.'));
    drawOthers();
  }
  drop({ card_id: id });
});
socket.on('card:merged', ({ card, merged }) => {
  if (!joined()) return;
  merged.forEach((id) => cards.delete(id));
  keep(card);
  drawCards();
});
['group:added', 'group:renamed', 'group:updated'].forEach((name) => socket.on(name, ({ group }) => putGroup(group)));
// These payloads are named as the fields of `state` they replace. (Closing and reopening
// are followed by a fresh `state`.)
['phase:changed', 'agenda:changed', 'timer:changed', 'settings:changed', 'report:changed',
  'votes:revealed'].forEach((name) => socket.on(name, update));
socket.on('votes:changed', ({ tallies }) => state && update({ tallies: mergeTallies(state.tallies, tallies) }));
socket.on('phase:changed', ({ phase }) => say(t('Now: {phase}', { phase: phaseText(phase.name) })));
socket.on('timer:changed', ({ timer }) => say(timer.running
  ? t('Timer running: {left} left.', { left: mmss(secondsLeft(timer)) })
  : t('Timer paused: {left} left.', { left: mmss(secondsLeft(timer)) })));
socket.on('votes:hidden', () => update({ tallies: null }));
['theme:created', 'theme:renamed', 'theme:deleted'].forEach((name) => socket.on(name, ({ theme, theme_id: id }) => {
  if (!state) return;
  state.themes = (state.themes || []).filter((t) => t.id !== (theme ? theme.id : id)).concat(theme || []);
  cards.forEach((c) => { if (!theme && c.theme_id === id) cards.set(c.id, { ...c, theme_id: null }); });
  drawCards();
}));
socket.on('removed', ({ message }) => showRemoved(message));
socket.on('workshop:closed', () => say(t('The workshop is closed.')));

$('join-form').addEventListener('submit', join);
$('post-form').addEventListener('submit', post);
box.value = localStorage.getItem(draftKey) || '';
box.addEventListener('input', saveDraft);
box.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('post-button').click();
});
$('post-form').classList.toggle('has-text', Boolean(box.value));
countChars();

/** Draws everything from a full state: on connect, after join and after a move. */
function show(next) {
  if (removed) return;
  state = next;
  $('workshop-title').textContent = next.workshop.title;
  $('menu-title').textContent = next.workshop.title;
  $('corner-url').textContent = next.workshop.join_url;
  clock.set(next.timer);
  if (!next.me) {
    showJoin();
    drawRun();
    return;
  }
  const moved = groupId !== null && groupId !== next.me.group_id;
  groupId = next.me.group_id;
  cards = new Map();
  others = new Map((next.my_other_cards || []).map((card) => [card.id, card]));
  next.cards.forEach(keep);
  if (moved) {
    tell(others.size ? t('You were moved to {group}. Your earlier cards are under “Your other cards”.', { group: groupName(groupId) })
      : t('You were moved to {group}.', { group: groupName(groupId) }));
    window.scrollTo(0, 0); // a new board: start at its top, where the notice is
  }
  $('group-name').textContent = groupName(groupId);
  drawKinds();
  drawOthers();
  drawRun();
  fitBox();
  outbox.open(); // the server knows us now: send what waited
}

/** Applies a live change to the run of the workshop (phase, timer, settings...) and redraws. */
function update(patch) {
  if (!state) return;
  Object.assign(state, patch);
  if ('timer' in patch) clock.set(patch.timer);
  drawRun();
}

/** What follows the phase: which view shows, the question, the post box, the votes. */
function drawRun() {
  const { phase, settings } = state;
  const closed = isClosed(phase, settings);
  clock.redraw(); // hides the countdown once closed
  // Closed says so, not the phase the room was in.
  $('phase-name').hidden = !phase && !closed;
  $('phase-name').textContent = closed ? t('Closed') : (phase ? phaseText(phase.name) : '');
  $('phase-name').dataset.closed = String(closed);
  const door = Boolean(settings && settings.door_closed) && !joined() && !closed;
  $('door').hidden = !door; // the door is closed to new people: no form to fill in for nothing
  $('join-form').hidden = joined() || closed || door;
  const reporting = joined() && !closed && Boolean(phase && phase.kind === 'report' && state.report);
  $('board').hidden = !joined() || closed || reporting;
  $('report-view').hidden = !reporting;
  $('thanks').hidden = !closed;
  if (closed) withSummary((m) => m.showThanks(state, state.me ? myCards() : []));
  if (reporting) withSummary((m) => m.showReport(state, groupId));
  if (!joined()) return;
  $('question').textContent = (phase && phase.question && phaseText(phase.question)) || state.workshop.question;
  const why = postBlock();
  // The box shows only while posting is open; a draft stays in it.
  $('post-button').disabled = Boolean(why);
  $('post-form').hidden = Boolean(why);
  drawPostReason();
  // Edit and Delete go while cards are closed: they would only be grey.
  $('cards').querySelectorAll('.card-edit, .card-delete').forEach((b) => { b.disabled = !canChange(); });
  $('cards').querySelectorAll('.card-actions').forEach((row) => { row.hidden = !canChange(); });
  drawCards();
}

/** Why there is no post box, above the cards: for a locked group, or to someone with a draft. */
function drawPostReason() {
  const why = postBlock();
  const locked = why && (state.groups.find((g) => g.id === groupId) || {}).locked;
  const say = why && (locked || box.value.trim()) ? why : '';
  $('post-reason').textContent = say;
  $('post-reason').hidden = !say;
}

const canChange = () => allowsCards(state.phase, state.settings);

/** Why the Post button is off now, or '' when posting is open. */
function postBlock() {
  const { phase, settings } = state;
  if (isClosed(phase, settings)) return t('The workshop is closed.');
  if ((state.groups.find((g) => g.id === groupId) || {}).locked) return t('Your group is locked: posting is paused.');
  if (canChange()) return '';
  return t('Posting is paused during “{phase}”. Your draft is kept.', { phase: phaseText(phase.name) });
}

// Report-back and the thank-you page load their module when they come.
let summary = null;
const withSummary = (draw) => (summary ||= import('./lib/phone_report.js')).then(draw);

/** My own cards, wherever they are now: the thank-you page lists them. */
const myCards = () => [...cards.values(), ...others.values()].filter((c) => c.participant_id === state.me.id).sort(byNewest);

function showRemoved(message) {
  removed = true;
  socket.io.reconnection(false);
  socket.disconnect();
  ['join-form', 'door', 'board', 'report-view', 'thanks', 'phase-name', 'timer', 'votes-left'].forEach((id) => { $(id).hidden = true; });
  if (message) $('removed-message').textContent = message;
  $('removed').hidden = false;
  $('status').dataset.status = 'refused';
  $('status').textContent = t('Removed');
}

const joined = () => Boolean(state && state.me);
const groupName = (id) => (state.groups.find((g) => g.id === id) || { name: '…' }).name;

function keep(card) {
  if (card.group_id === state.me.group_id && !card.hidden) {
    cards.set(card.id, card);
    if (others.delete(card.id)) drawOthers(); // shown again by the facilitator
  } else {
    cards.delete(card.id);
    if (card.participant_id === state.me.id) { // moved or hidden by the facilitator: still mine
      others.set(card.id, card);
      drawOthers();
    }
  }
}

function drop({ card_id: id }) {
  if (cards.delete(id)) drawCards();
}

/** Says something about my state at the top of the board, and to screen readers. */
function tell(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
  say(text);
}

/** My own cards the group's list does not show, each saying why, for me alone. */
function drawOthers() {
  const mine = [...others.values()].sort(byNewest);
  $('my-other').hidden = !mine.length;
  $('my-other-cards').replaceChildren(...mine.map((card) => {
    const li = cardNode(card, state.kinds);
    li.classList.add('is-own', 'is-set-aside');
    li.append(el('p', { class: 'card-status' }, card.hidden ? t('The facilitator set this card aside.')
      : t('This card is in another group.')));
    return li;
  }));
}

function putGroup(group) {
  if (!state) return;
  state.groups = state.groups.filter((g) => g.id !== group.id).concat(group)
    .sort((a, b) => a.position - b.position);
  if (!joined()) {
    drawGroupChoices();
    return;
  }
  $('group-name').textContent = groupName(groupId);
  drawRun(); // a lock closes the post box
}

/** Speaks through the polite live region, for people who cannot watch the list. */
function say(text) {
  $('announce').textContent = text;
}

// --- joining

function showJoin() {
  const anonymous = state.workshop.allow_anonymous;
  $('join-question').textContent = state.workshop.question;
  $('join-name').required = !anonymous;
  $('join-name').placeholder = anonymous ? t('Leave empty to stay anonymous') : '';
  $('join-name-label').textContent = anonymous ? t('Your name (optional)') : t('Your name');
  drawGroupChoices();
}

function drawGroupChoices() {
  const list = $('join-group-list');
  const chosen = list.querySelector('input:checked');
  $('join-groups').hidden = state.workshop.assignment !== 'self';
  list.replaceChildren(...state.groups.map((group) => el('label', { class: 'choice' },
    el('input', {
      type: 'radio',
      name: 'group',
      value: group.id,
      required: state.workshop.assignment === 'self',
      checked: chosen ? chosen.value === String(group.id) : state.groups.length === 1,
      disabled: Boolean(group.locked),
    }),
    el('span', { dir: 'auto' }, group.name), group.locked && el('span', { class: 'hint' }, t('(locked)')))));
}

async function join(event) {
  event.preventDefault();
  const data = new FormData(event.target);
  const payload = { name: data.get('name').trim() };
  const organisation = data.get('organisation').trim();
  if (organisation) payload.organisation = organisation;
  if (data.get('group') && state.workshop.assignment === 'self') payload.group = Number(data.get('group'));
  showJoinError(null);
  $('join-button').disabled = true;
  const ack = await request(socket, 'join', payload);
  $('join-button').disabled = false;
  if (!ack.ok) {
    if (ack.error.code === 'removed') showRemoved(errorText(ack.error));
    else if (ack.error.code === 'door_closed') update({ settings: { ...state.settings, door_closed: true } });
    else showJoinError(ack.error);
    return;
  }
  localStorage.setItem(tokenKey, ack.token);
  show(ack.state);
}

// The id prefix of each field an error may name; anything else shows in #join-error.
const joinFields = { name: 'join-name', organisation: 'join-organisation', group: 'join-group' };

function showJoinError(error) {
  const form = $('join-form');
  form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; });
  form.querySelectorAll('[aria-invalid]').forEach((input) => input.removeAttribute('aria-invalid'));
  if (!error) return;
  const prefix = joinFields[error.field];
  const message = $(`${prefix || 'join'}-error`);
  message.textContent = errorText(error);
  message.hidden = false;
  const input = prefix && (prefix === 'join-group' ? $('join-group-list').querySelector('input') : $(prefix));
  if (input) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }
}

// --- the cards

function drawCards() {
  if (!joined()) return;
  const known = new Set([...cards.values()].map((c) => c.client_id));
  // Newest first, like the cards: what still waits to be sent was typed last.
  const waiting = outbox.items()
    .filter((item) => item.event === 'card:add' && !known.has(item.payload.client_id))
    .reverse();
  const shown = [...cards.values()].sort(byNewest);
  const themes = (state.themes || []).filter((t) => t.group_id === groupId)
    .sort((a, b) => a.created_at - b.created_at || a.id - b.id);
  // A card with a pending edit, a fresh "saved" or a refused edit is drawn anew (a copy: the
  // list redraws an item only when its data object changes).
  const marked = (card) => (pendingEdit(card.id) || justSaved.has(card.id) || editErrors.has(card.id) ? { ...card } : card);
  const entry = (card) => [card.id, marked(card)];
  // Themes first, each with its cards under it; the cards in none after them.
  const themed = new Set(themes.map((t) => t.id));
  const rest = shown.filter((c) => !themed.has(c.theme_id));
  drawList([
    ...waiting.map((item) => [`sending:${item.payload.client_id}`, item]),
    ...themes.flatMap((t) => [[`theme:${t.id}`, t], ...shown.filter((c) => c.theme_id === t.id).map(entry)]),
    ...(themes.length && rest.length ? [['theme:none', OTHER]] : []),
    ...rest.map(entry),
  ]);
  $('cards-empty').hidden = waiting.length + shown.length > 0;
  drawVotes();
}

// --- votes: dots on cards and themes (lib/phone_votes.js, loaded when first needed)

let votes = null;
let loadingVotes = null;

function drawVotes() {
  const voting = allowsVotes(state.phase, state.settings);
  $('votes-left').hidden = !voting;
  if (votes) votes.draw();
  else if (voting || state.tallies) {
    loadingVotes ||= import('./lib/phone_votes.js').then((m) => {
      votes = m.createVotes(() => state, outbox, socket);
      votes.draw();
    });
  }
}

/** A vote's answer (from the outbox: a dot resent after a reload may come first). */
function voted(ack, target) {
  if (votes) votes.voted(ack, target);
  else if (ack.ok) Object.assign(state, { votes_left: ack.votes_left, my_votes: ack.my_votes });
}

const pendingText = () => (socket.connected ? t('sending…') : t('waiting for the connection'));

function pendingItem(item) {
  const { name, organisation } = state.me;
  const li = cardNode({ ...item.payload, author: name, organisation }, state.kinds);
  li.classList.add('is-pending');
  li.dataset.clientId = item.payload.client_id;
  li.append(el('p', { class: 'card-status' }, pendingText()));
  return li;
}

/** The text of an edit still in the outbox, if this card has one. */
const pendingEdit = (cardId) => outbox.items().filter((i) => i.event === 'card:edit' && i.payload.card_id === cardId).pop();

function cardItem(card) {
  const li = cardNode(card, state.kinds);
  if (card.blurred) {
    li.classList.add('is-blurred');
    li.querySelector('.card-text').textContent = t('Hidden until the facilitator reveals');
  }
  if (card.participant_id !== state.me.id) return li;
  li.classList.add('is-own');
  editing(); // loaded now, so an edit can be made offline
  const edit = pendingEdit(card.id);
  if (edit) {
    li.querySelector('.card-text').textContent = edit.payload.text;
    li.classList.add('is-pending');
    li.append(el('p', { class: 'card-status' }, pendingText()));
  } else if (justSaved.has(card.id)) {
    li.append(el('p', { class: 'card-status is-saved' }, t('saved')));
  }
  if (editErrors.has(card.id)) li.append(el('p', { class: 'field-error', role: 'alert' }, editErrors.get(card.id)));
  const about = `card-${card.id}-text`; // so "Edit" is heard with the card it edits
  const off = !canChange();
  li.append(el('div', { class: 'card-actions', hidden: off },
    el('button', { type: 'button', class: 'card-edit', disabled: off, 'aria-describedby': about, onclick: () => startEdit(li, card) }, t('Edit')),
    el('button', { type: 'button', class: 'card-delete', disabled: off, 'aria-describedby': about, onclick: () => deleteCard(li, card) }, t('Delete'))));
  return li;
}

// Edit and Delete: their module loads with the first own card.
const editing = () => import('./lib/card_edit.js');

function startEdit(li, card) {
  editing().then((m) => m.startEdit(li, card, (text) => {
    // Through the outbox, like a new card: an edit made offline is kept and sent later.
    editErrors.delete(card.id);
    outbox.send('card:edit', { card_id: card.id, text });
    drawCards();
    const again = $('cards').querySelector(`[data-card-id="${card.id}"] .card-edit`);
    if (again) again.focus();
  }));
}

const editErrors = new Map(); // card id -> why its last edit was refused

function editRefused(cardId, error) {
  editErrors.set(cardId, t('Your edit was not saved: {reason}', { reason: errorText(error) }));
}

function deleteCard(li, card) {
  editing().then((m) => m.deleteCard(li, async () => {
    const ack = await request(socket, 'card:delete', { card_id: card.id });
    if (ack.ok) {
      cards.delete(card.id);
      drawCards();
    }
    return ack;
  }));
}

// --- the post box

function drawKinds() {
  const chosen = $('post-kinds').querySelector('input:checked');
  const wanted = chosen ? chosen.value : localStorage.getItem(kindKey);
  const current = state.kinds.some((k) => k.id === wanted) ? wanted : state.kinds[0].id;
  $('post-kinds').replaceChildren(...state.kinds.map((kind, i) => el('label', { class: 'segment', 'data-kind-index': i },
    el('input', { type: 'radio', name: 'kind', value: kind.id, checked: kind.id === current, onchange: chooseKind }),
    el('span', { dir: 'auto' }, kind.label))));
  describeBox();
}

function chooseKind() {
  const chosen = kindInputs().find((input) => input.checked);
  if (chosen) localStorage.setItem(kindKey, chosen.value);
  describeBox();
}

const kindInputs = () => [...$('post-kinds').querySelectorAll('input')];

function describeBox() {
  const index = kindInputs().findIndex((input) => input.checked);
  box.placeholder = t('Your {kind}…', { kind: state.kinds[index].label.toLowerCase() });
  $('post-form').dataset.kindIndex = index;
}

function post(event) {
  event.preventDefault();
  if (postBlock()) return; // closed for now: the text waits in the box
  const text = box.value.trim();
  $('post-error').textContent = text ? '' : t('Write something first.');
  if (!text) {
    box.focus();
    return;
  }
  outbox.send('card:add', { kind: kindInputs().find((input) => input.checked).value, text });
  box.value = '';
  saveDraft();
  $('notice').hidden = true;
  drawCards();
}

/** A refused card comes back into the box, so its text is never lost. */
function putBack({ kind, text }, error) {
  box.value = box.value ? `${text}\n${box.value}` : text;
  kindInputs().forEach((input) => { if (input.value === kind) input.checked = true; });
  chooseKind();
  saveDraft();
  $('post-error').textContent = errorText(error);
}

function saveDraft() {
  if (box.value) localStorage.setItem(draftKey, box.value);
  else localStorage.removeItem(draftKey);
  $('post-form').classList.toggle('has-text', Boolean(box.value));
  countChars();
  fitBox();
}

function countChars() {
  $('post-count').textContent = `${box.value.length} / 500`;
  $('post-count').classList.toggle('is-near', box.value.length > 450);
}

/** Grows the box with its text, up to the CSS max-height, so a long card stays readable. */
function fitBox() {
  box.style.height = 'auto';
  box.style.height = `${box.scrollHeight + box.offsetHeight - box.clientHeight}px`;
}
