// The spotlight on the projector: one card or one theme the facilitator put full screen, in
// type as large as its text allows, drawn from what the projector already knows (so names
// appear only while they are on screen anyway, and dots only once revealed).
import { t, tn } from './i18n.js';
import { el, tallyNode } from './render.js';
import { fitList, fitType } from './fit.js';

/**
 * Draws the spotlight of `model` into `root`; returns whether anything is shown. A card or
 * theme the projector does not have (hidden, deleted, merged away) shows nothing.
 */
export function drawSpotlight(root, model) {
  const aim = model.spotlight;
  const held = aim && aim.card_id != null ? model.cards.get(aim.card_id) : null;
  const card = held && !held.hidden ? held : null;
  const theme = aim && aim.theme_id != null ? model.themes.get(aim.theme_id) : null;
  if (!card && !theme) {
    root.replaceChildren();
    return false;
  }
  root.replaceChildren(card ? cardView(card, model) : themeView(theme, model));
  fit(root);
  return true;
}

/** Sizes the spotlight to its box again (after a resize or a change of contrast). */
export function fit(root) {
  const body = root.querySelector('.spotlight-body');
  if (!body) return;
  const { width, height } = root.getBoundingClientRect();
  const unit = Math.min(width / 100, height / 56); // type follows the smaller side
  const list = body.querySelector('.spotlight-cards');
  if (!list) {
    fitType(body, Math.max(20, 2.2 * unit), 6 * unit);
    return;
  }
  // A theme's cards in the largest type at which all fit; at the smallest, as many as fit.
  const more = root.querySelector('.spotlight-more');
  more.hidden = false; // at its widest while fitting: showing it later takes no room
  more.textContent = t('+{n} more', { n: list.children.length });
  list.classList.remove('is-cut');
  [...list.children].forEach((item) => { item.hidden = false; });
  fitType(body, Math.max(20, 1.6 * unit), 3.6 * unit);
  const cut = body.scrollHeight > body.clientHeight + 1;
  list.classList.toggle('is-cut', cut);
  const shown = cut ? fitList(list) : list.children.length;
  const notShown = list.children.length - shown;
  more.hidden = notShown <= 0;
  more.textContent = notShown > 0 ? t('+{n} more', { n: notShown }) : '';
}

const groupName = (model, id) => (model.groups.find((g) => g.id === id) || { name: '' }).name;
const votesOf = (model, type, id) => (model.tallies ? model.tallies[type][id] || 0 : null);

function kindOf(model, card) {
  const index = model.kinds.findIndex((k) => k.id === card.kind);
  return { index: index < 0 ? null : index, label: index < 0 ? card.kind : model.kinds[index].label };
}

function cardView(card, model) {
  const kind = kindOf(model, card);
  const theme = model.themes.get(card.theme_id);
  const named = Boolean(model.settings && model.settings.names_on_screen);
  const by = named && [card.author, card.organisation].filter(Boolean).join(', ');
  return el('article', { class: 'spotlight-card card', 'data-card-id': card.id, 'data-kind-index': kind.index },
    el('p', { class: 'spotlight-label' }, el('span', { class: 'card-kind', dir: 'auto' }, kind.label),
      el('span', { dir: 'auto' }, [groupName(model, card.group_id), theme && t('theme: {name}', { name: theme.name })]
        .filter(Boolean).join(' · '))),
    el('div', { class: 'spotlight-body' },
      el('p', { class: 'spotlight-text', dir: 'auto' },
        card.blurred ? t('Hidden until the facilitator reveals') : card.text),
      card.merged && card.merged.length > 0 && el('p', { class: 'spotlight-merged', dir: 'auto' },
        tn('+ {n} merged: {texts}', '+ {n} merged: {texts}', card.merged.length,
          { texts: card.merged.map((m) => `“${m.text}”`).join(' · ') }))),
    el('p', { class: 'spotlight-foot' }, by && el('span', { class: 'spotlight-by', dir: 'auto' }, by),
      tallyNode(votesOf(model, 'cards', card.id))));
}

function themeView(theme, model) {
  const cards = [...model.cards.values()].filter((c) => c.theme_id === theme.id && !c.hidden)
    .sort((a, b) => (votesOf(model, 'cards', b.id) || 0) - (votesOf(model, 'cards', a.id) || 0)
      || a.created_at - b.created_at || a.id - b.id);
  return el('article', { class: 'spotlight-theme', 'data-theme-id': theme.id },
    el('p', { class: 'spotlight-label' }, el('span', { dir: 'auto' }, groupName(model, theme.group_id)),
      el('span', {}, tn('{n} card', '{n} cards', cards.length)), el('span', { class: 'spotlight-more', hidden: true })),
    el('div', { class: 'spotlight-body' },
      el('h2', { class: 'spotlight-text', dir: 'auto' }, theme.name, ' ', tallyNode(votesOf(model, 'themes', theme.id))),
      el('ul', { class: 'spotlight-cards' }, cards.map((card) => el('li', {
        class: 'spotlight-item', 'data-card-id': card.id, 'data-kind-index': kindOf(model, card).index,
      }, el('span', { dir: 'auto' }, card.blurred ? t('Hidden until the facilitator reveals') : card.text), ' ',
      tallyNode(votesOf(model, 'cards', card.id)))))));
}
