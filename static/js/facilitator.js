// The facilitator's dashboard: every group side by side, live, with the controls to steer.
import { connect, request, showStatus } from './lib/socket.js';
import { byNewest, cardNode, el, keyedList, people } from './lib/render.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;

// What the server told us; each event updates it, then redraws only what it touched.
const model = { kinds: [], groups: [], cards: new Map(), people: new Map(), counts: null };
let columns = new Map(); // group id -> the column's parts

// No key here: the page's signed cookie (set when the key link was opened) authorizes us.
const socket = connect({ code, role: 'facilitator' }, code);
showStatus(socket, $('status'));

socket.on('state', (state) => {
  model.kinds = state.kinds;
  model.groups = state.groups;
  model.cards = new Map(state.cards.map((c) => [c.id, c]));
  model.people = new Map(state.participants.map((p) => [p.id, p]));
  model.counts = state.counts;
  $('workshop-title').textContent = state.workshop.title;
  drawFilter();
  drawBoard();
  drawPeopleLine();
});
socket.on('card:added', ({ card }) => putCard(card));
socket.on('card:updated', ({ card }) => putCard(card));
socket.on('card:deleted', ({ card_id: id, group_id: groupId }) => {
  model.cards.delete(id);
  refresh(groupId);
});
socket.on('participant:joined', ({ participant }) => putPerson(participant));
socket.on('participant:updated', ({ participant }) => putPerson(participant));
socket.on('people:changed', ({ people: total, online }) => {
  model.counts = { ...model.counts, people: total, online };
  drawPeopleLine();
});
socket.on('counts:changed', ({ counts }) => {
  model.counts = counts;
  drawCounts();
  drawPeopleLine();
});
socket.on('group:added', ({ group }) => putGroup(group));
socket.on('group:renamed', ({ group }) => putGroup(group));

$('filter').addEventListener('change', () => model.groups.forEach((g) => refresh(g.id)));
$('add-group-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const ack = await act('group:add', { name: $('add-group-name').value.trim() });
  if (!ack) return;
  $('add-group-name').value = '';
  putGroup(ack.group);
});

/** Sends a steering action; a refusal is shown in the page's alert line. */
async function act(event, payload) {
  const ack = await request(socket, event, payload);
  $('error').hidden = ack.ok;
  if (!ack.ok) $('error').textContent = ack.error.message;
  return ack.ok ? ack : null;
}

function putCard(card) {
  const old = model.cards.get(card.id);
  model.cards.set(card.id, card);
  refresh(card.group_id);
  if (old && old.group_id !== card.group_id) refresh(old.group_id);
}

function putPerson(person) {
  const old = model.people.get(person.id);
  model.people.set(person.id, person);
  refresh(person.group_id);
  if (old && old.group_id !== person.group_id) refresh(old.group_id);
}

// Group names appear in every "Move to…" list, so a new or renamed group redraws the board.
function putGroup(group) {
  model.groups = model.groups.filter((g) => g.id !== group.id).concat(group)
    .sort((a, b) => a.position - b.position);
  const focused = document.activeElement && document.activeElement.closest('[data-group-id]');
  drawBoard();
  if (focused) {
    const again = $('groups').querySelector(`[data-group-id="${focused.dataset.groupId}"] .group-rename`);
    if (again) again.focus();
  }
}

function drawPeopleLine() {
  const { people: total = 0, online = 0 } = model.counts || {};
  $('people').textContent = `${people(total)} · ${online} online`;
}

function drawFilter() {
  const filter = $('filter');
  const current = filter.value;
  filter.replaceChildren(el('option', { value: '' }, 'All kinds'),
    ...model.kinds.map((k) => el('option', { value: k.id, selected: k.id === current }, k.label)));
}

function drawBoard() {
  columns = new Map(model.groups.map((g) => [g.id, column(g)]));
  $('groups').replaceChildren(...[...columns.values()].map((c) => c.node));
  model.groups.forEach((g) => refresh(g.id));
  drawCounts();
}

/** Redraws one group's people and cards from the model. */
function refresh(groupId) {
  const col = columns.get(groupId);
  if (!col) return;
  const kind = $('filter').value;
  const members = [...model.people.values()].filter((p) => p.group_id === groupId)
    .sort((a, b) => a.joined_at - b.joined_at);
  const shown = [...model.cards.values()]
    .filter((c) => c.group_id === groupId && (!kind || c.kind === kind)).sort(byNewest);
  col.peopleHeading.textContent = `People (${members.length})`;
  col.drawPeople(members.map((p) => [p.id, p]));
  col.drawCards(shown.map((c) => [c.id, c]));
}

function drawCounts() {
  const groups = (model.counts && model.counts.groups) || {};
  for (const [id, col] of columns) {
    const tally = (groups[id] && groups[id].cards) || {};
    col.counts.replaceChildren(...model.kinds.map((k, i) => el('span',
      { class: 'count', 'data-kind': k.id, 'data-kind-index': i },
      `${k.label} `, el('strong', {}, tally[k.id] || 0))));
  }
}

function column(group) {
  const cards = el('ol', { class: 'cards' });
  const members = el('ul', { class: 'people' });
  const counts = el('p', { class: 'group-counts' });
  const peopleHeading = el('h3', { class: 'people-heading' }, 'People');
  const node = el('section', { class: 'group', 'data-group-id': group.id, 'aria-labelledby': `group-${group.id}-name` },
    groupHead(group), counts, peopleHeading, members, el('h3', {}, 'Cards'), cards);
  return {
    node,
    counts,
    peopleHeading,
    drawPeople: keyedList(members, personItem),
    drawCards: keyedList(cards, cardItem),
  };
}

/** The group's name with a Rename button that turns into an inline form. */
function groupHead(group) {
  const nameId = `group-${group.id}-name`;
  const title = el('div', { class: 'group-title' },
    el('h2', { id: nameId, class: 'group-name', dir: 'auto' }, group.name),
    el('button', { type: 'button', class: 'group-rename', 'aria-describedby': nameId, onclick: () => toggle(true) }, 'Rename'));
  const input = el('input', {
    class: 'group-rename-input', name: 'name', maxlength: 60, required: true, dir: 'auto',
    'aria-label': `New name for ${group.name}`,
    onkeydown: (event) => { if (event.key === 'Escape') toggle(false); },
  });
  const form = el('form', { class: 'group-rename-form', hidden: true, onsubmit: rename },
    input,
    el('button', { type: 'submit', class: 'primary' }, 'Save'),
    el('button', { type: 'button', onclick: () => toggle(false) }, 'Cancel'));

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

function personItem(person) {
  const name = person.name || 'Anonymous';
  const others = model.groups.filter((g) => g.id !== person.group_id);
  const select = el('select', {
    class: 'person-move',
    'aria-label': `Move ${name} to another group`,
    disabled: others.length === 0,
    onchange: async () => {
      const ack = await act('participant:move', { participant_id: person.id, group_id: Number(select.value) });
      select.value = '';
      if (ack) putPerson(ack.participant);
    },
  },
  el('option', { value: '' }, 'Move to…'),
  others.map((g) => el('option', { value: g.id }, g.name)));
  const presence = person.online ? 'online' : 'offline';
  return el('li', { class: 'person', 'data-participant-id': person.id, 'data-online': String(person.online) },
    el('span', { class: 'presence', title: presence }, el('span', { class: 'visually-hidden' }, presence)),
    el('span', { class: 'person-name', dir: 'auto' }, name),
    person.organisation && el('span', { class: 'person-org', dir: 'auto' }, person.organisation),
    select);
}

function cardItem(card) {
  const li = cardNode(card, model.kinds);
  li.dataset.hidden = String(card.hidden);
  if (card.hidden) li.querySelector('.card-kind').append(el('span', { class: 'card-flag' }, 'hidden'));
  li.append(el('div', { class: 'card-actions' }, el('button', {
    type: 'button',
    class: card.hidden ? 'card-unhide' : 'card-hide',
    'aria-describedby': `card-${card.id}-text`,
    onclick: async () => {
      const ack = await act(card.hidden ? 'card:unhide' : 'card:hide', { card_id: card.id });
      if (ack) putCard(ack.card);
    },
  }, card.hidden ? 'Unhide' : 'Hide')));
  return li;
}
