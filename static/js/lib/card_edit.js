// One's own cards on the phone: Edit and Delete, a pending edit, "saved", a refused edit.
// Loaded with the first own card, so the page's first load stays small.
import { errorText, t } from './i18n.js';
import { el } from './render.js';
import { apply } from './model.js';
import { request } from './socket.js';

/** Opens the edit box in the card; `send(text)` queues the edit (the outbox keeps it). */
export function startEdit(li, card, send) {
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
    send(text); // redraws the item, back in view mode, showing the edit as pending
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

/** Asks, then deletes through `remove()` (the server's ack); a refusal shows in the card. */
export async function deleteCard(li, remove) {
  if (!window.confirm(t('Delete this card?'))) return;
  const ack = await remove();
  if (ack.ok) return;
  const error = li.querySelector('.field-error') || li.appendChild(el('p', { class: 'field-error', role: 'alert' }));
  error.textContent = errorText(ack.error);
}

/** Dresses one's own card `li`: an edit on its way, "saved", a refused edit, Edit and Delete.
 * `page` (attendee.js) holds the outbox's view of it and sends the edit or the delete. */
export function decorate(li, card, page) {
  const pending = page.pendingEdit(card.id);
  if (pending) {
    li.querySelector('.card-text').textContent = pending.payload.text;
    li.classList.add('is-pending');
    li.append(el('p', { class: 'card-status' }, page.pendingText()));
  } else if (page.justSaved.has(card.id)) {
    li.append(el('p', { class: 'card-status is-saved' }, t('saved')));
  }
  if (page.editErrors.has(card.id)) li.append(el('p', { class: 'field-error', role: 'alert' }, page.editErrors.get(card.id)));
  const about = `card-${card.id}-text`; // so "Edit" is heard with the card it edits
  const off = !page.canChange();
  li.append(el('div', { class: 'card-actions', hidden: off },
    el('button', { type: 'button', class: 'card-edit', disabled: off, 'aria-describedby': about, onclick: () => startEdit(li, card, (text) => edit(page, card, text)) }, t('Edit')),
    el('button', { type: 'button', class: 'card-delete', disabled: off, 'aria-describedby': about, onclick: () => deleteCard(li, () => remove(page, card)) }, t('Delete'))));
}

/** An edit goes through the outbox, like a new card: one made offline is kept and sent later. */
function edit(page, card, text) {
  page.editErrors.delete(card.id);
  page.outbox.send('card:edit', { card_id: card.id, text });
  page.drawCards();
  const again = document.querySelector(`#cards [data-card-id="${card.id}"] .card-edit`);
  if (again) again.focus();
}

async function remove(page, card) {
  const ack = await request(page.socket, 'card:delete', { card_id: card.id });
  if (ack.ok) {
    apply(page.model, 'card:deleted', { card_id: card.id, group_id: card.group_id });
    page.drawCards();
  }
  return ack;
}
