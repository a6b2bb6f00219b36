// Dragging cards, with pointer events so that mouse, pen and touch all work. A mouse drags a
// card from anywhere but its controls; a finger from the grip (⠿), so that swiping over cards
// still scrolls. Dropped on a theme (or "No theme") the card goes there, in any group (another
// group's column moves it there); dropped on another card it makes a theme of the two, or,
// with Shift held, merges into that card. Near the edges of the board or the window the
// view scrolls by itself, so any theme or group can be reached.
import { t, tn } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { $, act, model, say, update } from './page.js';
import { setTheme } from './themes.js';

let drag = null; // {id, groupId, li, x, y, at, ghost, over, frame}

export const dragging = () => Boolean(drag);

const EDGE = 60; // px from an edge where the view scrolls, faster nearer the edge
const FASTEST = 22; // px a frame at the edge itself

export function startDrag(event, id, li) {
  if (drag || event.button !== 0) return;
  const onGrip = event.target.closest('.card-grip');
  if (!onGrip && (event.pointerType === 'touch' || event.target.closest('button, select, input, textarea, label, a, form, summary, details[open]'))) return;
  const card = model.cards.get(id);
  if (!card) return;
  drag = { id, groupId: card.group_id, li, x: event.clientX, y: event.clientY, at: null, ghost: null, over: null, frame: 0 };
  if (onGrip) event.preventDefault();
  document.addEventListener('pointermove', moveDrag);
  document.addEventListener('pointerup', endDrag);
  document.addEventListener('pointercancel', stopDrag);
  document.addEventListener('keydown', keyDrag);
  document.addEventListener('keyup', keyDrag);
}

function moveDrag(event) {
  if (!drag.ghost) {
    if (Math.hypot(event.clientX - drag.x, event.clientY - drag.y) < 6) return;
    const card = model.cards.get(drag.id);
    drag.ghost = document.body.appendChild(el('div', { class: 'drag-ghost', 'aria-hidden': 'true', dir: 'auto' },
      el('span', {}, card ? card.text : ''), el('small')));
    drag.li.classList.add('is-dragging');
    document.body.classList.add('is-dragging-card');
    window.getSelection().removeAllRanges();
    drag.frame = requestAnimationFrame(scrollNearEdges);
  }
  event.preventDefault();
  drag.at = { x: event.clientX, y: event.clientY, shift: event.shiftKey };
  drag.ghost.style.transform = `translate(${event.clientX + 12}px, ${event.clientY + 12}px)`;
  aim();
}

/** What a drop here would do: `{zone, card, groupId}` (a card of its own group, or a zone). */
function targetAt({ x, y }) {
  const hit = document.elementFromPoint(x, y);
  const column = hit && hit.closest('#groups [data-group-id]');
  if (!column) return null;
  const groupId = Number(column.dataset.groupId);
  const onCard = hit.closest('li.card[data-card-id]');
  const card = onCard && Number(onCard.dataset.cardId) !== drag.id && groupId === drag.groupId ? onCard : null;
  // Anywhere else in another group's column: its "No theme" zone, unless over one of its themes.
  const zone = hit.closest('.theme[data-theme-id], .no-theme') || (groupId !== drag.groupId ? column.querySelector('.no-theme') : null);
  return card || zone ? { card, zone: card ? null : zone, groupId } : null;
}

/** Marks what is under the pointer and says in the ghost what a drop would do. */
function aim() {
  if (!drag.at) return;
  const target = targetAt(drag.at);
  const node = target && (target.card || target.zone);
  if (node !== drag.over) {
    if (drag.over) drag.over.classList.remove('is-over', 'is-target');
    if (node) node.classList.add(target.card ? 'is-target' : 'is-over');
    drag.over = node;
  }
  let hint = '';
  if (target && target.card) hint = drag.at.shift ? t('Merge into this card') : t('Make a theme of the two (Shift: merge)');
  else if (target && target.groupId !== drag.groupId) hint = t('Move to {group}', { group: (model.groups.find((g) => g.id === target.groupId) || {}).name });
  drag.ghost.lastChild.textContent = hint;
}

/** While dragging, a pointer near an edge of the board (or of the window) scrolls it. */
function scrollNearEdges() {
  if (!drag || !drag.ghost) return;
  if (drag.at) {
    const board = $('groups');
    const box = board.getBoundingClientRect();
    const speed = (gap) => (gap < EDGE ? Math.ceil(FASTEST * (1 - Math.max(gap, 0) / EDGE)) : 0);
    const { x, y } = drag.at;
    const dx = speed(box.right - x) - speed(x - box.left);
    const dy = speed(box.bottom - y) - speed(y - box.top);
    const before = [board.scrollLeft, board.scrollTop, window.scrollX, window.scrollY];
    if (dx || dy) board.scrollBy(dx, dy);
    const wy = speed(window.innerHeight - y) - speed(y);
    const wx = speed(window.innerWidth - x) - speed(x);
    if (wx || wy) window.scrollBy(wx, wy);
    if ([board.scrollLeft, board.scrollTop, window.scrollX, window.scrollY].some((v, i) => v !== before[i])) aim();
  }
  drag.frame = requestAnimationFrame(scrollNearEdges);
}

function endDrag(event) {
  const moved = Boolean(drag.ghost);
  const target = moved ? targetAt({ x: event.clientX, y: event.clientY }) : null;
  const { id } = drag;
  stopDrag();
  const card = model.cards.get(id);
  if (!target || !card) return;
  if (target.card) {
    const other = Number(target.card.dataset.cardId);
    if (event.shiftKey) mergeOnto(card, other);
    else themeOfTwo(card, model.cards.get(other));
    return;
  }
  drop(card, target.groupId, target.zone && target.zone.dataset.themeId ? Number(target.zone.dataset.themeId) : null);
}

/** Into a theme (or none) of its own group, or moved to another group (and into its theme). */
async function drop(card, groupId, themeId) {
  if (groupId !== card.group_id) {
    const ack = await act('card:move', { card_id: card.id, group_id: groupId });
    if (!ack) return;
    update('card:updated', ack);
    if (themeId != null) await setTheme(card.id, themeId);
    return;
  }
  if (themeId !== (card.theme_id == null ? null : card.theme_id)) setTheme(card.id, themeId);
}

/** Dropped on a card: both go into that card's theme, or a new one named after it, whose
 * name is then open for the facilitator to type over. */
async function themeOfTwo(card, other) {
  if (!other) return;
  if (other.theme_id != null) {
    if (card.theme_id !== other.theme_id) setTheme(card.id, other.theme_id);
    return;
  }
  const words = other.text.split(/\s+/).slice(0, 5).join(' ');
  const name = (words.length > 57 ? `${words.slice(0, 56)}…` : words) || t('New theme');
  const created = await act('theme:create', { group_id: other.group_id, name });
  if (!created) return;
  update('theme:created', created);
  for (const id of [other.id, card.id]) {
    if (!(await setTheme(id, created.theme.id))) return;
  }
  say(tn('Theme “{name}” created with {n} card.', 'Theme “{name}” created with {n} cards.', 2, { name: created.theme.name }));
  const zone = $('groups').querySelector(`.theme[data-theme-id="${created.theme.id}"]`);
  const rename = zone && zone.querySelector('.theme-rename');
  if (rename) rename.click(); // the name is a guess: the facilitator names the theme now
}

async function mergeOnto(card, into) {
  const ack = await act('card:merge', { into, cards: [card.id] });
  if (!ack) return;
  update('card:merged', { card: ack.card, merged: [card.id] });
  say(t('{n} cards merged into one.', { n: 2 }));
}

/** Escape cancels the drag; Shift, pressed or let go, changes what a drop on a card does. */
function keyDrag(event) {
  if (event.key === 'Escape' && event.type === 'keydown') {
    event.preventDefault(); // the drag is what Escape cancels, not the spotlight
    stopDrag();
  } else if (event.key === 'Shift' && drag && drag.at && drag.ghost) {
    drag.at = { ...drag.at, shift: event.type === 'keydown' };
    aim();
  }
}

function stopDrag() {
  if (!drag) return;
  cancelAnimationFrame(drag.frame);
  if (drag.ghost) drag.ghost.remove();
  if (drag.over) drag.over.classList.remove('is-over', 'is-target');
  drag.li.classList.remove('is-dragging');
  document.body.classList.remove('is-dragging-card');
  document.removeEventListener('pointermove', moveDrag);
  document.removeEventListener('pointerup', endDrag);
  document.removeEventListener('pointercancel', stopDrag);
  document.removeEventListener('keydown', keyDrag);
  document.removeEventListener('keyup', keyDrag);
  drag = null;
}
