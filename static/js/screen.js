// The projector: how to join, how many are in, and every group's visible cards, live.
// Read-only: no buttons, nothing a room should not see.
import { connect, showStatus } from './lib/socket.js';
import { byNewest, cardNode, el, keyedList, people } from './lib/render.js';

const $ = (id) => document.getElementById(id);
const code = document.querySelector('main[data-code]').dataset.code;

const model = { kinds: [], groups: [], cards: new Map() };
let columns = new Map(); // group id -> {drawCards, tally}

const socket = connect({ code, role: 'screen' }, code);
showStatus(socket, $('status'));

socket.on('state', (state) => {
  model.kinds = state.kinds;
  model.groups = state.groups;
  model.cards = new Map(state.cards.filter((c) => !c.hidden).map((c) => [c.id, c]));
  $('workshop-title').textContent = state.workshop.title;
  $('question').textContent = state.workshop.question;
  drawPeople(state.people);
  drawBoard();
});
socket.on('card:added', ({ card }) => putCard(card));
socket.on('card:updated', ({ card }) => putCard(card));
socket.on('card:deleted', dropCard);
socket.on('card:hidden', dropCard);
socket.on('people:changed', ({ people: total }) => drawPeople(total));
socket.on('group:added', ({ group }) => putGroup(group));
socket.on('group:renamed', ({ group }) => putGroup(group));

function putCard(card) {
  if (card.hidden) model.cards.delete(card.id);
  else model.cards.set(card.id, card);
  refresh(card.group_id);
}

function dropCard({ card_id: id, group_id: groupId }) {
  model.cards.delete(id);
  refresh(groupId);
}

function putGroup(group) {
  model.groups = model.groups.filter((g) => g.id !== group.id).concat(group)
    .sort((a, b) => a.position - b.position);
  drawBoard();
}

function drawPeople(total) {
  $('people-count').textContent = people(total);
}

function drawBoard() {
  columns = new Map(model.groups.map((group) => {
    const cards = el('ol', { class: 'cards' });
    const tally = el('span', { class: 'tally' });
    const node = el('section', { class: 'screen-group', 'data-group-id': group.id },
      el('h2', {}, el('span', { dir: 'auto' }, group.name), ' ', tally), cards);
    return [group.id, { node, tally, drawCards: keyedList(cards, (card) => cardNode(card, model.kinds)) }];
  }));
  $('groups').replaceChildren(...[...columns.values()].map((c) => c.node));
  model.groups.forEach((g) => refresh(g.id));
}

function refresh(groupId) {
  const col = columns.get(groupId);
  if (!col) return;
  const shown = [...model.cards.values()].filter((c) => c.group_id === groupId).sort(byNewest);
  col.tally.textContent = String(shown.length);
  col.drawCards(shown.map((c) => [c.id, c]));
}
