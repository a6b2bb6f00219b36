// Editing the workshop after set-up (#16): its title, its question and its card kinds' labels,
// while it runs; everyone sees the new words at once (`workshop:edited`). Groups are renamed
// in their columns, the agenda in its own editor.
import { t } from '../lib/i18n.js';
import { el } from '../lib/render.js';
import { $, act, model, say, update } from './page.js';

let dirty = false; // the form holds changes not saved yet

/** The form shows what the server holds, unless the facilitator is changing it. */
export function drawEdit() {
  if (dirty || !model.workshop) return;
  $('edit-title').value = model.workshop.title;
  $('edit-question').value = model.workshop.question;
  $('edit-kinds').replaceChildren($('edit-kinds').querySelector('legend'), ...model.kinds.map((kind) => el('input', {
    class: 'edit-kind', name: kind.id, maxlength: 40, required: true, dir: 'auto', value: kind.label,
    'aria-label': t('Name of the kind “{label}”', { label: kind.label }),
  })));
}

export function mountEdit() {
  $('edit-form').addEventListener('input', () => { dirty = true; });
  $('edit-undo').addEventListener('click', () => {
    dirty = false;
    drawEdit();
  });
  $('edit-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const ack = await act('workshop:edit', {
      title: $('edit-title').value.trim(),
      question: $('edit-question').value.trim(),
      kinds: [...$('edit-kinds').querySelectorAll('input')].map((input) => ({ id: input.name, label: input.value.trim() })),
    });
    if (!ack) return;
    dirty = false;
    update('workshop:edited', ack);
    say(t('Saved: everyone sees the new words.'));
  });
}
