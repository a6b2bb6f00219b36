// The spotlight: one card or theme full screen on the projector, the banner that says so, and
// "What the projector shows", the projector's own page drawn small.
import { t } from '../lib/i18n.js';
import { $, act, model, say, update } from './page.js';

/** Puts `{card_id}` or `{theme_id}` on the projector; the banner follows the ack. */
export async function spotlight(target) {
  const ack = await act('spotlight:show', target);
  if (!ack) return;
  update('spotlight:changed', { spotlight: ack.spotlight });
  say(t('On the projector: {what}', { what: spotlightText() }));
}

async function takeBack() {
  const ack = await act('spotlight:clear', {});
  if (!ack) return;
  const had = $('spotlight-banner').contains(document.activeElement);
  update('spotlight:changed', { spotlight: null });
  if (had) $('spotlight-clear').blur();
  say(t('The projector shows the board again.'));
}

/** The spotlit card's text or theme's name. */
function spotlightText() {
  const s = model.spotlight;
  if (!s) return '';
  const item = s.card_id != null ? model.cards.get(s.card_id) : model.themes.get(s.theme_id);
  if (!item) return '…';
  return s.card_id != null ? item.text : item.name;
}

/** The banner, and the mark on the card or theme that is up. */
export function drawSpotlight() {
  const on = Boolean(model.spotlight);
  $('spotlight-banner').hidden = !on;
  $('spotlight-text').textContent = spotlightText();
  $('spotlight-kind').textContent = on && model.spotlight.theme_id != null ? t('Theme') : t('Card');
  document.querySelectorAll('#groups [data-spotlit]').forEach((node) => node.removeAttribute('data-spotlit'));
  if (!on) return;
  const selector = model.spotlight.card_id != null
    ? `li.card[data-card-id="${model.spotlight.card_id}"]` : `.theme[data-theme-id="${model.spotlight.theme_id}"]`;
  const node = $('groups').querySelector(selector);
  if (node) node.dataset.spotlit = 'true';
}

/** Whether a key press belongs to a text field (typing "s" there is just a letter). */
const inField = (target) => Boolean(target.closest && target.closest('input, textarea, select, [contenteditable]'));

/** "s" on a focused card spotlights it; Escape takes the spotlight back (not while dragging
 * or typing: Escape there cancels the drag or the edit). `dragging()` says whether a drag is on. */
export function mountSpotlight(dragging) {
  $('spotlight-clear').addEventListener('click', takeBack);
  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || inField(event.target)) return;
    if (event.key === 's' || event.key === 'S') {
      const li = event.target.closest && event.target.closest('#groups li.card[data-card-id]');
      if (!li || li.dataset.hidden === 'true') return;
      event.preventDefault();
      spotlight({ card_id: Number(li.dataset.cardId) });
    } else if (event.key === 'Escape' && model.spotlight && !dragging()) {
      event.preventDefault();
      takeBack();
    }
  });
  // The projector's page, small, only while "What the projector shows" is open: a closed
  // preview loads nothing.
  $('preview').addEventListener('toggle', () => {
    const frame = $('preview-frame');
    if ($('preview').open) frame.src = frame.dataset.src;
    else frame.removeAttribute('src');
  });
}
