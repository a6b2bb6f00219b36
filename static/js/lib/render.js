// Small DOM builders shared by the pages. User text only ever goes in as text nodes or
// attribute values, never parsed as markup.
import { t, tn } from './i18n.js';

/** Builds an element: attributes via setAttribute (functions become listeners), children as nodes or text. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value != null && value !== false) node.setAttribute(name, value);
  }
  node.append(...children.flat().filter((c) => c != null && c !== false));
  return node;
}

/** Newest first; the id breaks ties between cards posted in the same instant. */
export const byNewest = (a, b) => b.created_at - a.created_at || b.id - a.id;

/** "1 person" / "3 people". */
export const people = (n) => tn('{n} person', '{n} people', n);

/** A card as a list item; kinds are styled by their position (data-kind-index), not their name. */
export function cardNode(card, kinds, { named = true } = {}) {
  const index = kinds.findIndex((k) => k.id === card.kind);
  const textId = card.id == null ? null : `card-${card.id}-text`;
  return el('li', {
    class: 'card',
    'data-card-id': card.id,
    'data-kind': card.kind,
    'data-kind-index': index < 0 ? null : index,
  },
  el('p', { class: 'card-kind', dir: 'auto' }, index < 0 ? card.kind : kinds[index].label),
  el('p', { class: 'card-text', id: textId, dir: 'auto' }, card.text),
  card.merged && card.merged.length > 0 && el('p', { class: 'card-merged', dir: 'auto' },
    tn('+ {n} merged: {texts}', '+ {n} merged: {texts}', card.merged.length, { texts: card.merged.map((m) => `“${m.text}”`).join(' · ') })),
  el('p', { class: 'card-by' },
    // `named: false` where names are off (the projector, by default): no "Anonymous" either.
    named && el('span', { class: 'card-author', dir: 'auto' }, card.author || t('Anonymous')),
    card.organisation && [' · ', el('span', { class: 'card-org', dir: 'auto' }, card.organisation)],
    card.original_text != null && [' · ', el('span', { class: 'card-corrected', dir: 'auto', title: t('Original: {text}', { text: card.original_text }) }, t('edited by facilitator'))]));
}

/** The dots on a card or theme: `.tally[data-votes]`, or nothing when tallies are not known. */
export const tallyNode = (votes) => (votes == null ? null
  : el('span', { class: 'tally', 'data-votes': votes }, tn('{n} vote', '{n} votes', votes)));

/**
 * Renders keyed items into `parent`, rebuilding only items whose data object changed and
 * moving only misplaced nodes, so an open edit box keeps its focus while cards arrive.
 * Returns update(entries), entries being [key, data] pairs in display order.
 */
export function keyedList(parent, build) {
  const shown = new Map(); // key -> {data, node}
  return (entries) => {
    const keys = new Set(entries.map(([key]) => key));
    for (const [key, { node }] of shown) {
      if (!keys.has(key)) {
        node.remove();
        shown.delete(key);
      }
    }
    entries.forEach(([key, data], i) => {
      let item = shown.get(key);
      if (!item || item.data !== data) {
        const node = build(data);
        if (item) item.node.replaceWith(node);
        item = { data, node };
        shown.set(key, item);
      }
      const at = parent.children[i];
      if (at !== item.node) parent.insertBefore(item.node, at || null);
    });
  };
}
