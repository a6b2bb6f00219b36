// The attendee's phone: join the workshop, then post, edit and delete cards in one's group,
// follow the phase and the shared timer, vote with dots, and read the summary at the end.
import { connect, request, showStatus } from './lib/socket.js';
import { errorText, phaseText, t, tn } from './lib/i18n.js';
import { byNewest, cardNode, el, keyedList, tallyNode } from './lib/render.js';
import { createOutbox } from './lib/outbox.js';
import { allowsCards, allowsVotes, createClock, isClosed, mergeTallies, mmss, secondsLeft } from './lib/run.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;
const tokenKey = `workshop:${code}:token`;
const draftKey = `workshop:${code}:draft`;
const box = $('post-text');

let state = null; // the last `state`, kept current by the live events
let cards = new Map(); // card id -> Card: the visible cards of my group
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
  if (item.event === 'vote:cast') return voted(ack);
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
  face.dataset.running = String(running);
  face.textContent = running && seconds <= 0 ? t('Time’s up') : mmss(seconds);
  face.classList.toggle('is-done', running && seconds <= 0);
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
socket.on('card:hidden', drop);
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

$('join-form').addEventListener('submit', join);
$('post-form').addEventListener('submit', post);
box.value = localStorage.getItem(draftKey) || '';
box.addEventListener('input', saveDraft);
box.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('post-button').click();
});
countChars();

/** Draws everything from a full state: on connect, after join and after a move. */
function show(next) {
  if (removed) return;
  state = next;
  $('workshop-title').textContent = next.workshop.title;
  $('corner-url').textContent = next.workshop.join_url;
  clock.set(next.timer);
  if (!next.me) {
    showJoin();
    drawRun();
    return;
  }
  if (groupId !== null && groupId !== next.me.group_id) {
    $('notice').textContent = t('You were moved to {group}.', { group: groupName(next.me.group_id) });
    $('notice').hidden = false;
  }
  groupId = next.me.group_id;
  cards = new Map();
  next.cards.forEach(keep);
  $('group-name').textContent = groupName(groupId);
  drawKinds();
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
  $('phase-line').hidden = !phase;
  clock.redraw(); // hides the countdown once closed
  $('phase-name').textContent = phase ? phaseText(phase.name) : '';
  const door = Boolean(settings && settings.door_closed) && !joined() && !closed;
  $('door').hidden = !door; // the door is closed to new people: no form to fill in for nothing
  $('join-form').hidden = joined() || closed || door;
  $('board').hidden = !joined() || closed;
  $('thanks').hidden = !closed;
  if (closed) drawThanks();
  if (!joined()) return;
  $('question').textContent = (phase && phase.question && phaseText(phase.question)) || state.workshop.question;
  const why = postBlock();
  $('post-button').disabled = Boolean(why); // the draft stays in the box, to post later
  $('post-reason').textContent = why;
  $('post-reason').hidden = !why;
  $('cards').querySelectorAll('.card-edit, .card-delete').forEach((b) => { b.disabled = !canChange(); });
  drawCards();
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

/** The closed workshop: thanks, and the top items of my group from the report. */
function drawThanks() {
  const part = state.report && state.me && state.report.groups.find((g) => g.group_id === state.me.group_id);
  $('thanks-top').replaceChildren(...(part ? state.kinds : []).filter((k) => (part.top[k.id] || []).length)
    .map((kind) => el('section', {}, el('h3', { dir: 'auto' }, kind.label), el('ol', { class: 'thanks-items' },
      part.top[kind.id].map((item) => el('li', {}, el('span', { dir: 'auto' }, item.text), ' ', tallyNode(item.votes)))))));
}

function showRemoved(message) {
  removed = true;
  socket.io.reconnection(false);
  socket.disconnect();
  ['join-form', 'door', 'board', 'thanks', 'phase-line'].forEach((id) => { $(id).hidden = true; });
  if (message) $('removed-message').textContent = message;
  $('removed').hidden = false;
  $('status').dataset.status = 'refused';
  $('status').textContent = t('Removed');
}

const joined = () => Boolean(state && state.me);
const groupName = (id) => (state.groups.find((g) => g.id === id) || { name: '…' }).name;

function keep(card) {
  if (card.group_id === state.me.group_id && !card.hidden) cards.set(card.id, card);
  else cards.delete(card.id);
}

function drop({ card_id: id }) {
  if (cards.delete(id)) drawCards();
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

// --- votes: dots on cards and themes, tallies once the facilitator reveals them

const castItems = () => outbox.items().filter((item) => item.event === 'vote:cast');

/** Updates each card's and theme's vote controls in place, so a pressed button keeps focus. */
function drawVotes() {
  const voting = allowsVotes(state.phase, state.settings);
  const waiting = castItems();
  const left = Math.max(0, (state.votes_left || 0) - waiting.length);
  $('votes-left').hidden = !voting;
  $('votes-left').textContent = tn('{n} dot left', '{n} dots left', left);
  $('cards').querySelectorAll('li.card[data-card-id], li.theme-head[data-theme-id]').forEach((li) => {
    const card = li.dataset.cardId;
    const [type, field, id, about] = card ? ['cards', 'card_id', card, `card-${card}-text`]
      : ['themes', 'theme_id', li.dataset.themeId, `theme-${li.dataset.themeId}-name`];
    const tally = state.tallies ? (state.tallies[type][id] || 0) : null;
    let votes = li.querySelector(':scope > .votes');
    if (votes) votes.firstChild.replaceWith(tallyNode(tally) || el('span'));
    else if (voting || tally !== null) {
      votes = li.appendChild(el('div', { class: 'votes' }, tallyNode(tally) || el('span'),
        el('button', { type: 'button', class: 'vote-cast', 'aria-describedby': about, onclick: () => cast(field, id) }),
        el('button', { type: 'button', class: 'vote-retract', 'aria-describedby': about, onclick: () => retract(field, id) }, t('Take back'))));
    }
    if (!votes) return;
    const [, more, less] = votes.children;
    const mine = ((state.my_votes && state.my_votes[type][id]) || 0)
      + waiting.filter((item) => String(item.payload[field]) === id).length;
    votes.hidden = !voting && tally === null;
    more.hidden = less.hidden = !voting;
    more.dataset.mine = mine;
    more.textContent = mine ? `${'●'.repeat(Math.min(mine, 20))} ${t('Vote')}` : t('Vote');
    more.setAttribute('aria-label', t('Vote (your dots here: {n})', { n: mine }));
    if (!mine && document.activeElement === less) more.focus(); // a disabled button drops the focus
    less.disabled = !mine;
  });
}

function cast(field, id) {
  $('vote-error').textContent = '';
  outbox.send('vote:cast', { [field]: Number(id) }); // kept and resent like a card
  drawVotes();
}

async function retract(field, id) {
  $('vote-error').textContent = '';
  voted(await request(socket, 'vote:retract', { [field]: Number(id) }));
}

/** A vote's answer: the server's count of my dots, or why it was refused. */
function voted(ack) {
  if (ack.ok) {
    state.votes_left = ack.votes_left;
    state.my_votes = ack.my_votes;
  } else {
    $('vote-error').textContent = errorText(ack.error);
  }
  drawVotes();
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
  li.append(el('div', { class: 'card-actions' },
    el('button', { type: 'button', class: 'card-edit', disabled: off, 'aria-describedby': about, onclick: () => startEdit(li, card) }, t('Edit')),
    el('button', { type: 'button', class: 'card-delete', disabled: off, 'aria-describedby': about, onclick: () => deleteCard(li, card) }, t('Delete'))));
  return li;
}

function startEdit(li, card) {
  const view = li.querySelectorAll('.card-text, .card-actions');
  const area = el('textarea', { class: 'card-edit-text', maxlength: 500, rows: 3, dir: 'auto', 'aria-label': t('Edit your card') });
  area.value = card.text;
  const error = el('p', { class: 'field-error', role: 'alert' });
  const close = () => {
    form.remove();
    view.forEach((node) => { node.hidden = false; });
    li.querySelector('.card-edit').focus();
  };
  const save = (event) => {
    event.preventDefault();
    const text = area.value.trim();
    if (!text) {
      error.textContent = t('A card cannot be empty.');
      return;
    }
    // Through the outbox, like a new card: an edit made offline is kept and sent later.
    editErrors.delete(card.id);
    outbox.send('card:edit', { card_id: card.id, text });
    drawCards(); // rebuilds the item, back in view mode, showing the edit as pending
    const again = $('cards').querySelector(`[data-card-id="${card.id}"] .card-edit`);
    if (again) again.focus();
  };
  const form = el('form', { class: 'card-edit-form', onsubmit: save }, area,
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'primary card-save' }, t('Save')),
      el('button', { type: 'button', class: 'card-cancel', onclick: close }, t('Cancel'))),
    error);
  view.forEach((node) => { node.hidden = true; });
  li.querySelector('.card-text').after(form);
  area.focus();
}

const editErrors = new Map(); // card id -> why its last edit was refused

function editRefused(cardId, error) {
  editErrors.set(cardId, t('Your edit was not saved: {reason}', { reason: errorText(error) }));
}

async function deleteCard(li, card) {
  if (!window.confirm(t('Delete this card?'))) return;
  const ack = await request(socket, 'card:delete', { card_id: card.id });
  if (ack.ok) {
    cards.delete(card.id);
    drawCards();
    return;
  }
  const error = li.querySelector('.field-error') || li.appendChild(el('p', { class: 'field-error', role: 'alert' }));
  error.textContent = errorText(ack.error);
}

// --- the post box

function drawKinds() {
  const chosen = $('post-kinds').querySelector('input:checked');
  const current = state.kinds.some((k) => chosen && k.id === chosen.value) ? chosen.value : state.kinds[0].id;
  $('post-kinds').replaceChildren(...state.kinds.map((kind, i) => el('label', { class: 'segment', 'data-kind-index': i },
    el('input', { type: 'radio', name: 'kind', value: kind.id, checked: kind.id === current, onchange: describeBox }),
    el('span', { dir: 'auto' }, kind.label))));
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
  describeBox();
  saveDraft();
  $('post-error').textContent = errorText(error);
}

function saveDraft() {
  if (box.value) localStorage.setItem(draftKey, box.value);
  else localStorage.removeItem(draftKey);
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
