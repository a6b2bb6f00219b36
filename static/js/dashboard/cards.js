// A card on the dashboard: its text, kind and author, its dots, and what the facilitator does
// with it (select for merging, hide, correct, file into a theme, move to a group, spotlight).
import { t } from '../lib/i18n.js';
import { cardNode, el } from '../lib/render.js';
import { themesOf } from '../lib/model.js';
import { $, act, model, say, update } from './page.js';
import { spotlight } from './spotlight.js';
import { tallySlot } from './tallies.js';
import { setTheme } from './themes.js';
import { startDrag } from './drag.js';

export const selected = new Set(); // card ids ticked for merging

/** A small menu: a "⋯" button (named for what it acts on) that opens `items` over the board. */
export function menu(className, label, ...items) {
  return el('details', { class: `menu ${className}` },
    el('summary', { 'aria-label': label, title: label }, '⋯'),
    el('div', { class: 'menu-panel' }, ...items));
}

/** A card as one compact block: its text, then one line with the grip, kind, author,
 * dots (once there are some), the tick for merging and a menu with the other actions. */
export function cardItem(card) {
  const li = cardNode(card, model.kinds);
  const textId = `card-${card.id}-text`;
  li.dataset.hidden = String(card.hidden);
  li.tabIndex = 0; // focused, "s" puts it on the projector
  const kind = li.querySelector('.card-kind');
  if (card.hidden) kind.append(el('span', { class: 'card-flag' }, t('hidden')));
  const others = model.groups.filter((g) => g.id !== card.group_id);
  const actions = menu('card-menu', t('Actions for this card'),
    el('button', {
      type: 'button',
      class: card.hidden ? 'card-unhide' : 'card-hide',
      'aria-describedby': textId,
      onclick: async () => {
        const ack = await act(card.hidden ? 'card:unhide' : 'card:hide', { card_id: card.id });
        if (ack) update('card:updated', ack);
      },
    }, card.hidden ? t('Unhide') : t('Hide')),
    el('button', { type: 'button', class: 'card-correct', 'aria-describedby': textId, onclick: () => startCorrect(li, card) }, t('Correct')),
    el('button', {
      type: 'button', class: 'card-spotlight', 'aria-describedby': textId, disabled: card.hidden, 'aria-keyshortcuts': 's',
      onclick: () => spotlight({ card_id: card.id }),
    }, t('Spotlight')),
    el('select', {
      class: 'card-theme',
      'aria-label': t('Move to theme…'),
      'aria-describedby': textId,
      onchange: (event) => setTheme(card.id, event.target.value ? Number(event.target.value) : null),
    }, el('option', { value: '', selected: card.theme_id == null }, t('No theme')),
    themesOf(model, card.group_id).map((th) => el('option', { value: th.id, selected: th.id === card.theme_id }, th.name))),
    el('select', {
      class: 'card-move',
      'aria-label': t('Move to another group'),
      'aria-describedby': textId,
      disabled: others.length === 0,
      onchange: async (event) => {
        const ack = await act('card:move', { card_id: card.id, group_id: Number(event.target.value) });
        event.target.value = '';
        if (ack) update('card:updated', ack);
      },
    }, el('option', { value: '' }, t('Move to group…')), others.map((g) => el('option', { value: g.id }, g.name))));
  li.append(el('div', { class: 'card-meta card-top' },
    el('span', { class: 'card-grip', 'aria-hidden': 'true', title: t('Drag into a theme, or onto a card to make a theme of the two') }, '⠿'),
    kind, li.querySelector('.card-by'),
    tallySlot('cards', card.id),
    el('input', {
      type: 'checkbox',
      class: 'card-select',
      checked: selected.has(card.id),
      title: t('Select'),
      'aria-label': t('Select'),
      'aria-describedby': textId,
      onchange: (event) => {
        if (event.target.checked) selected.add(card.id);
        else selected.delete(card.id);
        updateMerge(card.group_id);
      },
    }),
    actions));
  li.addEventListener('pointerdown', (event) => startDrag(event, card.id, li));
  return li;
}

/** The facilitator corrects a card's text (a typo, a name that should not be there). */
function startCorrect(li, card) {
  const view = li.querySelectorAll('.card-text, .card-meta');
  const area = el('textarea', { class: 'card-correct-text', maxlength: 500, rows: 3, dir: 'auto', 'aria-label': t('Corrected text') });
  area.value = card.text;
  const close = () => {
    form.remove();
    view.forEach((node) => { node.hidden = false; });
    li.querySelector('.card-menu').open = true;
    li.querySelector('.card-correct').focus();
  };
  const form = el('form', {
    class: 'card-correct-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const ack = await act('card:correct', { card_id: card.id, text: area.value.trim() });
      if (!ack) return;
      update('card:updated', ack); // rebuilds the card, back in view mode
      const again = $('groups').querySelector(`[data-card-id="${card.id}"]`);
      if (again) again.focus();
    },
  }, area, el('div', { class: 'card-actions' },
    el('button', { type: 'submit', class: 'primary card-correct-save' }, t('Save')),
    el('button', { type: 'button', class: 'card-correct-cancel', onclick: close }, t('Cancel'))));
  view.forEach((node) => { node.hidden = true; });
  li.querySelector('.card-text').after(form);
  area.focus();
}

const ticked = (groupId) => [...$('groups').querySelectorAll(`[data-group-id="${groupId}"] .card-select:checked`)];

/** "Merge into first" shows with the first ticked card, and works from two. */
export function updateMerge(groupId) {
  const button = $('groups').querySelector(`[data-group-id="${groupId}"] .merge-cards`);
  if (!button) return;
  const n = ticked(groupId).length;
  button.disabled = n < 2;
  button.hidden = n === 0; // shown once a card is ticked: the column's tools stay one line
}

export async function mergeCards(groupId) {
  const ids = ticked(groupId).map((box) => Number(box.closest('[data-card-id]').dataset.cardId));
  if (ids.length < 2) return;
  const [into, ...rest] = ids;
  const ack = await act('card:merge', { into, cards: rest });
  if (!ack) return;
  ids.forEach((id) => selected.delete(id));
  update('card:merged', { card: ack.card, merged: rest });
  say(t('{n} cards merged into one.', { n: rest.length + 1 }));
}
