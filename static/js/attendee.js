// The attendee's phone: join, post, edit and delete cards in one's group, follow the phase
// and the timer, vote, follow report-back, read the summary. Every state says so; a tap is
// answered where it was.
import { connect, request, showStatus } from './lib/socket.js';
import { errorText, phaseText, t, tn } from './lib/i18n.js';
import { byNewest, cardNode, el, keyedList } from './lib/render.js';
import { createOutbox } from './lib/outbox.js';
import { createClock, mmss, secondsLeft } from './lib/run.js';
import { apply, createModel, phaseAllows, themesOf } from './lib/model.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;
const tokenKey = `workshop:${code}:token`;
const draftKey = `workshop:${code}:draft`;
const kindKey = `workshop:${code}:kind`; // kept over a reload (a language change)
const box = $('post-text');

// What the server said (lib/model.js); `state` is it once the first `state` came.
const model = createModel();
let state = null;
let groupId = null; // my group as last drawn, to notice a move by the facilitator
let removed = false; // the facilitator removed us: stay put, never reconnect
// A phone that joined before gets in through a closed door: no notice.
if (localStorage.getItem(tokenKey)) $('door').hidden = true;
const OTHER = { name: t('Other cards') }; // the heading of unthemed cards once themes exist

// A function: each reconnect reads the token `join` stored.
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
// Pending items say whether they are on their way.
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
  face.hidden = !timer || !(running || timer.duration > 0 || timer.remaining > 0) || (state && closedNow());
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

socket.onAny((event, payload) => {
  if (event === 'state') return show(payload);
  if (!state || removed) return;
  const fresh = event === 'card:added' && !model.cards.has(payload.card.id);
  const { what } = apply(model, event, payload);
  if (what.has('set-aside')) tell(t('The facilitator set one of your cards aside. You still see it under “Your other cards”.'));
  if (what.has('others')) drawOthers();
  if (what.has('workshop')) { // renamed after set-up: the title, the kinds' labels
    $('workshop-title').textContent = $('menu-title').textContent = state.workshop.title;
    if (joined()) drawKinds();
  }
  if (what.has('timer')) clock.set(state.timer);
  if (what.has('groups') && !joined()) drawGroupChoices();
  else if (what.has('groups')) $('group-name').textContent = groupName(groupId);
  if (['run', 'groups', 'report', 'tallies'].some((part) => what.has(part))) drawRun();
  else if (what.has('cards') || what.has('themes')) drawCards();
  const card = fresh && payload.card;
  if (card && joined() && card.participant_id !== state.me.id) {
    const kind = state.kinds.find((k) => k.id === card.kind);
    const params = { kind: kind ? kind.label : t('card'), author: card.author || t('Anonymous'), text: card.text };
    say(card.blurred ? t('New {kind} from {author}', params) : t('New {kind} from {author}: {text}', params));
  }
  if (event === 'phase:changed') say(t('Now: {phase}', { phase: phaseText(payload.phase.name) }));
  if (event === 'timer:changed') {
    const left = mmss(secondsLeft(payload.timer));
    say(payload.timer.running ? t('Timer running: {left} left.', { left }) : t('Timer paused: {left} left.', { left }));
  }
  if (event === 'workshop:closed') say(t('The workshop is closed.'));
});
socket.on('removed', ({ message }) => showRemoved(message));

$('join-form').addEventListener('submit', join);
$('post-form').addEventListener('submit', post);
box.value = localStorage.getItem(draftKey) || '';
box.addEventListener('input', saveDraft);
box.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('post-button').click();
});
$('post-form').classList.toggle('has-text', Boolean(box.value));
countChars();

/** Draws everything from a `state`: on connect, after join, after a move. */
function show(next) {
  if (removed) return;
  apply(model, 'state', next);
  state = model;
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
  if (moved) {
    tell(model.others.size ? t('You were moved to {group}. Your earlier cards are under “Your other cards”.', { group: groupName(groupId) })
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

/** What follows the phase: the view, the question, the post box, the votes. */
function drawRun() {
  const { phase, settings } = state;
  const closed = closedNow();
  clock.redraw(); // hides the countdown once closed
  // Closed says so, not the phase the room was in.
  $('phase-name').hidden = !phase && !closed;
  $('phase-name').textContent = closed ? t('Closed') : (phase ? phaseText(phase.name) : '');
  $('phase-name').dataset.closed = String(closed);
  const door = Boolean(settings && settings.door_closed) && !joined() && !closed;
  $('door').hidden = !door; // the door is closed to new people: no form to fill in for nothing
  $('join-form').hidden = joined() || closed || door;
  const reporting = joined() && !closed && Boolean(phaseAllows(state).report && state.report);
  $('board').hidden = !joined() || closed || reporting;
  $('report-view').hidden = !reporting;
  $('thanks').hidden = !closed;
  if (closed) withSummary((m) => m.showThanks(state));
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

/** Why there is no post box: for a locked group, or to someone with a draft. */
function drawPostReason() {
  const why = postBlock();
  const locked = why && (state.groups.find((g) => g.id === groupId) || {}).locked;
  const say = why && (locked || box.value.trim()) ? why : '';
  $('post-reason').textContent = say;
  $('post-reason').hidden = !say;
}

// As the server says with the phase.
const canChange = () => Boolean(phaseAllows(state).cards);
const closedNow = () => Boolean((state.phase && state.phase.closed) || (state.settings && state.settings.closed));

/** Why the Post button is off now, or '' when posting is open. */
function postBlock() {
  const { phase } = state;
  if (closedNow()) return t('The workshop is closed.');
  if ((state.groups.find((g) => g.id === groupId) || {}).locked) return t('Your group is locked: posting is paused.');
  if (canChange()) return '';
  return t('Posting is paused during “{phase}”. Your draft is kept.', { phase: phaseText(phase.name) });
}

// Report-back and the thank-you page load their module when they come.
let summary = null;
const withSummary = (draw) => (summary ||= import('./lib/phone_report.js')).then(draw);

// A refused join, cards set aside, being removed: loaded when they come.
let asideModule = null;
const aside = (use) => (asideModule ||= import('./lib/phone_aside.js')).then(use);

function showRemoved(message) {
  removed = true;
  socket.io.reconnection(false);
  socket.disconnect();
  aside((m) => m.showRemoved(message));
}

const joined = () => Boolean(state && state.me);
const groupName = (id) => (state.groups.find((g) => g.id === id) || { name: '…' }).name;

/** A card the server acknowledged or sent. */
function keep(card) {
  if (apply(model, 'card:updated', { card }).what.has('others')) drawOthers();
}

/** Says my state at the top of the board, and to screen readers. */
function tell(text) {
  $('notice').textContent = text;
  $('notice').hidden = false;
  say(text);
}

/** My own cards the group's list does not show (if there are, or were, any). */
function drawOthers() {
  if (model.others.size || !$('my-other').hidden) aside((m) => m.drawOthers(model));
}

/** Speaks through the polite live region. */
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
  if (asideModule) showJoinError(null); // errors shown before, if any, go
  $('join-button').disabled = true;
  const ack = await request(socket, 'join', payload);
  $('join-button').disabled = false;
  if (!ack.ok) {
    if (ack.error.code === 'removed') showRemoved(errorText(ack.error));
    else if (ack.error.code === 'door_closed') {
      state.settings = { ...state.settings, door_closed: true };
      drawRun();
    } else showJoinError(ack.error);
    return;
  }
  localStorage.setItem(tokenKey, ack.token);
  show(ack.state);
}

const showJoinError = (error) => aside((m) => m.showJoinError(error));

// --- the cards

function drawCards() {
  if (!joined()) return;
  const known = new Set([...model.cards.values()].map((c) => c.client_id));
  // Newest first, like the cards: what still waits to be sent was typed last.
  const waiting = outbox.items()
    .filter((item) => item.event === 'card:add' && !known.has(item.payload.client_id))
    .reverse();
  const shown = [...model.cards.values()].sort(byNewest);
  const themes = themesOf(model, groupId);
  // A card whose marks changed is drawn anew (a copy: the list redraws changed objects).
  const marked = (card) => (pendingEdit(card.id) || justSaved.has(card.id) || mine.editErrors.has(card.id)
    || (own && bare.delete(card.id)) ? { ...card } : card);
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
  const voting = Boolean(phaseAllows(state).votes);
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

// Own cards' Edit, Delete, pending edit and "saved": lib/card_edit.js, loaded with the
// first own card (online then, so an edit can later be made offline).
let own = null;
let ownLoading = null;
const bare = new Set(); // own cards drawn before it loaded: drawn again once it has
const mine = {
  pendingEdit, justSaved, canChange, pendingText, outbox, socket, model, drawCards,
  editErrors: new Map(), // card id -> why its last edit was refused
};

function cardItem(card) {
  const li = cardNode(card, state.kinds);
  if (card.blurred) {
    li.classList.add('is-blurred');
    li.querySelector('.card-text').textContent = t('Hidden until the facilitator reveals');
  }
  if (card.participant_id !== state.me.id) return li;
  li.classList.add('is-own');
  if (own) own.decorate(li, card, mine);
  else {
    bare.add(card.id);
    ownLoading ||= import('./lib/card_edit.js').then((m) => { own = m; drawCards(); });
  }
  return li;
}

function editRefused(cardId, error) {
  mine.editErrors.set(cardId, t('Your edit was not saved: {reason}', { reason: errorText(error) }));
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
const putBack = (item, error) => aside((m) => m.putBack(item, error, { kindInputs, chooseKind, saveDraft }));

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
