// Themes in a group's column: the "New theme" form, a theme's heading (its dots, Spotlight,
// Rename, Delete), filing a card into a theme, and suggested themes to accept or dismiss.
import { t, tn } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { act, model, say, update } from './page.js';
import { spotlight } from './spotlight.js';
import { tallySlot } from './tallies.js';
import { menu } from './cards.js';

export function themeCreateForm(group) {
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
      update('theme:created', ack);
    },
  }, input, el('button', { type: 'submit' }, t('Add theme')));
}

export function themeHead(theme) {
  const nameId = `theme-${theme.id}-name`;
  const title = el('div', { class: 'theme-title' },
    el('h4', { class: 'theme-name', id: nameId, dir: 'auto' }, theme.name),
    tallySlot('themes', theme.id),
    el('button', { type: 'button', class: 'theme-spotlight', 'aria-describedby': nameId, onclick: () => spotlight({ theme_id: theme.id }) }, t('Spotlight')),
    menu('theme-menu', t('Rename or delete {name}', { name: theme.name }),
    el('button', { type: 'button', class: 'theme-rename', 'aria-describedby': nameId, onclick: () => toggle(true) }, t('Rename')),
    el('button', {
      type: 'button',
      class: 'theme-delete',
      'aria-describedby': nameId,
      onclick: async () => {
        if (!window.confirm(t('Delete the theme “{name}”? Its cards stay, without a theme.', { name: theme.name }))) return;
        const ack = await act('theme:delete', { theme_id: theme.id });
        if (ack) update('theme:deleted', { theme_id: theme.id, group_id: theme.group_id });
      },
    }, t('Delete'))));
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
      if (ack) update('theme:renamed', ack);
    },
  }, input, el('button', { type: 'submit', class: 'primary' }, t('Save')),
  el('button', { type: 'button', onclick: () => toggle(false) }, t('Cancel')));
  function toggle(open) {
    title.hidden = open;
    form.hidden = !open;
    if (!open) {
      title.querySelector('.theme-spotlight').focus();
      return;
    }
    input.value = theme.name;
    input.focus();
    input.select();
  }
  return el('header', { class: 'theme-head' }, title, form);
}

/** Files a card into a theme of its group, or into none (null). */
export async function setTheme(cardId, themeId) {
  const ack = await act('card:theme', { card_id: cardId, theme_id: themeId });
  if (ack) update('card:updated', ack);
  return ack;
}

const shown = new Map(); // group id -> { group, list } once its suggestions were asked for

export async function suggest(group, list, again = false) {
  shown.set(group.id, { group, list });
  const ack = await act('theme:suggest', { group_id: group.id });
  if (!ack) return;
  // Asked again as cards arrive: a name being edited keeps what was typed.
  const typed = new Map([...list.querySelectorAll('.suggestion')].map((li) => [li.dataset.cards, li.querySelector('.suggestion-name').value]));
  list.replaceChildren(...(ack.suggestions.length
    ? ack.suggestions.map((s) => suggestionItem(group, s, typed.get(s.card_ids.join(','))))
    : [el('li', { class: 'suggestion-none' }, t('No suggestions: no cards are alike enough yet.'))]));
  if (!again) say(tn('{n} suggested theme for {group}.', '{n} suggested themes for {group}.', ack.suggestions.length, { group: group.name }));
}

/** Asks again for a group whose suggestions are on show: a card arrived or one was declined. */
export function suggestAgain(groupId) {
  const open = shown.get(groupId);
  if (open && open.list.isConnected && open.list.children.length && !open.list.contains(document.activeElement)) suggest(open.group, open.list, true);
}

/** A suggested theme: its name (editable), the cards it would gather, Accept or Dismiss. */
function suggestionItem(group, suggestion, typed) {
  const name = el('input', { class: 'suggestion-name', maxlength: 60, dir: 'auto', 'aria-label': t('Name of the suggested theme') });
  name.value = typed ?? suggestion.name;
  const texts = suggestion.card_ids.map((id) => model.cards.get(id)).filter(Boolean)
    .map((c) => el('li', { dir: 'auto' }, c.text));
  const item = el('li', { class: 'suggestion', 'data-cards': suggestion.card_ids.join(',') }, name, el('ul', { class: 'suggestion-cards' }, texts),
    el('div', { class: 'card-actions' },
      el('button', { type: 'button', class: 'suggestion-accept primary', onclick: accept }, t('Accept')),
      el('button', { type: 'button', class: 'suggestion-dismiss', onclick: decline }, t('Dismiss'))));
  // Declined for that set of cards, kept by the server: it does not come back after a reload.
  async function decline() {
    if (await act('theme:decline', { group_id: group.id, card_ids: suggestion.card_ids })) item.remove();
  }
  async function accept() {
    const created = await act('theme:create', { group_id: group.id, name: name.value.trim() });
    if (!created) return;
    update('theme:created', created);
    for (const id of suggestion.card_ids) {
      if (!(await setTheme(id, created.theme.id))) return; // the error is shown; keep the suggestion
    }
    item.remove();
    const n = suggestion.card_ids.length;
    say(tn('Theme “{name}” created with {n} card.', 'Theme “{name}” created with {n} cards.', n, { name: created.theme.name }));
  }
  return item;
}

