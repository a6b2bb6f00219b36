// Editing and deleting one's own card on the phone: loaded on the first tap of Edit or
// Delete, so the page's first load stays small.
import { errorText, t } from './i18n.js';
import { el } from './render.js';

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
