// The attendee's phone: join the workshop, then post, edit and delete cards in one's group.
import { connect, request, showStatus } from './lib/socket.js';
import { byNewest, cardNode, el, keyedList } from './lib/render.js';
import { createOutbox } from './lib/outbox.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;
const tokenKey = `workshop:${code}:token`;
const draftKey = `workshop:${code}:draft`;
const box = $('post-text');

let state = null; // the last `state`, kept current by the live events
let cards = new Map(); // card id -> Card: the visible cards of my group
let groupId = null; // my group as last drawn, to notice a move by the facilitator

// A function, so every reconnect reads the token that `join` stored (or its absence).
const socket = connect((send) => {
  const token = localStorage.getItem(tokenKey);
  send(token ? { code, token } : { code });
}, code);
showStatus(socket, $('status'), 'Offline – your cards are kept and will be sent');
socket.on('connect_error', (err) => {
  if (!err.data || err.data.code !== 'bad_token') return;
  localStorage.removeItem(tokenKey); // the server does not know us: join again as new
  socket.connect();
});

const outbox = createOutbox(socket, `workshop:${code}:outbox`, (item, ack) => {
  if (ack.ok) keep(ack.card); // a resend is answered but not announced again
  else putBack(item.payload, ack.error);
  drawCards();
});
const drawList = keyedList($('cards'), (data) => (data.event ? pendingItem(data) : cardItem(data)));

socket.on('state', show);
socket.on('card:added', ({ card }) => {
  if (!joined()) return;
  const isNew = !cards.has(card.id);
  keep(card);
  drawCards();
  if (isNew && card.participant_id !== state.me.id) {
    const kind = state.kinds.find((k) => k.id === card.kind);
    say(`New ${kind ? kind.label : 'card'} from ${card.author || 'Anonymous'}: ${card.text}`);
  }
});
socket.on('card:updated', ({ card }) => {
  if (!joined()) return;
  keep(card);
  drawCards();
});
socket.on('card:deleted', drop);
socket.on('card:hidden', drop);
socket.on('group:added', ({ group }) => putGroup(group));
socket.on('group:renamed', ({ group }) => putGroup(group));

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
  state = next;
  $('workshop-title').textContent = next.workshop.title;
  $('join-form').hidden = Boolean(next.me);
  $('board').hidden = !next.me;
  if (!next.me) {
    showJoin();
    return;
  }
  if (groupId !== null && groupId !== next.me.group_id) {
    $('notice').textContent = `You were moved to ${groupName(next.me.group_id)}.`;
    $('notice').hidden = false;
  }
  groupId = next.me.group_id;
  cards = new Map();
  next.cards.forEach(keep);
  $('question').textContent = next.workshop.question;
  $('group-name').textContent = groupName(groupId);
  drawKinds();
  drawCards();
  fitBox();
  outbox.open(); // the server knows us now: send what waited
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
  if (joined()) $('group-name').textContent = groupName(groupId);
  else drawGroupChoices();
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
  $('join-name').placeholder = anonymous ? 'Leave empty to stay anonymous' : '';
  $('join-name-label').textContent = anonymous ? 'Your name (optional)' : 'Your name';
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
    }),
    el('span', { dir: 'auto' }, group.name))));
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
    showJoinError(ack.error);
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
  message.textContent = error.message;
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
  drawList([
    ...waiting.map((item) => [`sending:${item.payload.client_id}`, item]),
    ...shown.map((card) => [card.id, card]),
  ]);
  $('cards-empty').hidden = waiting.length + shown.length > 0;
}

function pendingItem(item) {
  const { name, organisation } = state.me;
  const li = cardNode({ ...item.payload, author: name, organisation }, state.kinds);
  li.classList.add('is-pending');
  li.dataset.clientId = item.payload.client_id;
  li.append(el('p', { class: 'card-status' }, 'sending…'));
  return li;
}

function cardItem(card) {
  const li = cardNode(card, state.kinds);
  if (card.participant_id !== state.me.id) return li;
  li.classList.add('is-own');
  const about = `card-${card.id}-text`; // so "Edit" is heard with the card it edits
  li.append(el('div', { class: 'card-actions' },
    el('button', { type: 'button', class: 'card-edit', 'aria-describedby': about, onclick: () => startEdit(li, card) }, 'Edit'),
    el('button', { type: 'button', class: 'card-delete', 'aria-describedby': about, onclick: () => deleteCard(li, card) }, 'Delete')));
  return li;
}

function startEdit(li, card) {
  const view = li.querySelectorAll('.card-text, .card-actions');
  const area = el('textarea', { class: 'card-edit-text', maxlength: 500, rows: 3, dir: 'auto', 'aria-label': 'Edit your card' });
  area.value = card.text;
  const error = el('p', { class: 'field-error', role: 'alert' });
  const close = () => {
    form.remove();
    view.forEach((node) => { node.hidden = false; });
    li.querySelector('.card-edit').focus();
  };
  const save = async (event) => {
    event.preventDefault();
    const ack = await request(socket, 'card:edit', { card_id: card.id, text: area.value.trim() });
    if (!ack.ok) {
      error.textContent = ack.error.message;
      return;
    }
    keep(ack.card);
    drawCards(); // rebuilds the item, back in view mode
    const again = $('cards').querySelector(`[data-card-id="${card.id}"] .card-edit`);
    if (again) again.focus();
  };
  const form = el('form', { class: 'card-edit-form', onsubmit: save }, area,
    el('div', { class: 'card-actions' },
      el('button', { type: 'submit', class: 'primary card-save' }, 'Save'),
      el('button', { type: 'button', class: 'card-cancel', onclick: close }, 'Cancel')),
    error);
  view.forEach((node) => { node.hidden = true; });
  li.querySelector('.card-text').after(form);
  area.focus();
}

async function deleteCard(li, card) {
  if (!window.confirm('Delete this card?')) return;
  const ack = await request(socket, 'card:delete', { card_id: card.id });
  if (ack.ok) {
    cards.delete(card.id);
    drawCards();
    return;
  }
  const error = li.querySelector('.field-error') || li.appendChild(el('p', { class: 'field-error', role: 'alert' }));
  error.textContent = ack.error.message;
}

// --- the post box

function drawKinds() {
  const chosen = $('post-kinds').querySelector('input:checked');
  const current = state.kinds.some((k) => chosen && k.id === chosen.value) ? chosen.value : state.kinds[0].id;
  $('post-kinds').replaceChildren(...state.kinds.map((kind, i) => el('label', { class: 'segment', 'data-kind-index': i },
    el('input', { type: 'radio', name: 'kind', value: kind.id, checked: kind.id === current, onchange: describeBox }),
    el('span', {}, kind.label))));
  describeBox();
}

const kindInputs = () => [...$('post-kinds').querySelectorAll('input')];

function describeBox() {
  const index = kindInputs().findIndex((input) => input.checked);
  box.placeholder = `Your ${state.kinds[index].label.toLowerCase()}…`;
  $('post-form').dataset.kindIndex = index;
}

function post(event) {
  event.preventDefault();
  const text = box.value.trim();
  $('post-error').textContent = text ? '' : 'Write something first.';
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
  $('post-error').textContent = error.message;
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
