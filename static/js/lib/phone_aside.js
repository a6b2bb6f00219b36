// What a phone needs only now and then (#16), loaded by attendee.js when it comes: a refused
// join answered at its field, a refused card put back in the box, the person's own cards the
// group's list no longer shows, and the page of someone the facilitator removed. Kept apart
// so the first load stays small.
import { errorText, t } from './i18n.js';
import { byNewest, cardNode, el } from './render.js';

const $ = (id) => document.getElementById(id);

// The id prefix of each field an error may name; anything else shows in #join-error.
const joinFields = { name: 'join-name', organisation: 'join-organisation', group: 'join-group' };

/** Clears the join form's errors, then shows `error` (if any) at its field, focused. */
export function showJoinError(error) {
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

/** My own cards the group's list does not show (model.others), each saying why, for me alone. */
export function drawOthers(model) {
  const mine = [...model.others.values()].sort(byNewest);
  $('my-other').hidden = !mine.length;
  $('my-other-cards').replaceChildren(...mine.map((card) => {
    const li = cardNode(card, model.kinds);
    li.classList.add('is-own', 'is-set-aside');
    li.append(el('p', { class: 'card-status' }, card.hidden ? t('The facilitator set this card aside.')
      : t('This card is in another group.')));
    return li;
  }));
}

/** The facilitator removed this person: every view goes, the reason stays. */
export function showRemoved(message) {
  ['join-form', 'door', 'board', 'report-view', 'thanks', 'phase-name', 'timer', 'votes-left'].forEach((id) => { $(id).hidden = true; });
  if (message) $('removed-message').textContent = message;
  $('removed').hidden = false;
  $('status').dataset.status = 'refused';
  $('status').textContent = t('Removed');
}

/** A refused card comes back into the box, with the reason under it, so its text is never lost.
 * `post` has the page's post box helpers. */
export function putBack({ kind, text }, error, post) {
  const box = $('post-text');
  box.value = box.value ? `${text}\n${box.value}` : text;
  post.kindInputs().forEach((input) => { if (input.value === kind) input.checked = true; });
  post.chooseKind();
  post.saveDraft();
  $('post-error').textContent = errorText(error);
}
