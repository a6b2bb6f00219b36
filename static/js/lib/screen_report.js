// Report-back on the projector: one slide per group (its themes, then its top items a kind),
// then the synthesis of the room. A slide never scrolls: each column shows as many items as
// fit whole and counts the rest in its heading ("+4 more"), from the totals the server sends.
import { t, tn } from './i18n.js';
import { el } from './render.js';
import { fitList } from './fit.js';

const votes = (n) => tn('{n} vote', '{n} votes', n);

/** Draws `report` into `root` for `kinds`; returns a function that fits it again (resize). */
export function drawSlide(root, report, kinds) {
  const slide = report.view === 'synthesis' ? synthesis(report.synthesis, kinds) : groupSlide(report, kinds);
  root.replaceChildren(slide);
  const refit = () => slide.querySelectorAll('.slide-col').forEach(fitColumn);
  refit();
  return refit;
}

function groupSlide(report, kinds) {
  const part = report.groups.find((g) => g.group_id === report.group_id) || report.groups[0];
  if (!part) return el('div', { class: 'slide' }, el('h2', { class: 'report-title' }, t('Report back')));
  const at = report.groups.indexOf(part);
  const cards = Object.values(part.cards || {}).reduce((a, b) => a + b, 0);
  const most = Math.max(1, ...part.themes.map((th) => th.votes || 0));
  const themes = part.themes.length > 0 && column(t('Themes'), part.themes.length, { class: 'slide-themes' },
    part.themes.map((theme) => el('li', { class: 'report-theme', 'data-theme-id': theme.id },
      el('span', { class: 'report-text', dir: 'auto' }, theme.name),
      el('span', { class: 'report-meta' }, tn('{n} card', '{n} cards', theme.cards)),
      bar(theme.votes, most))));
  return el('div', { class: 'slide' },
    el('h2', { class: 'report-title', 'data-group-id': part.group_id },
      el('span', { class: 'slide-name', dir: 'auto' }, part.name),
      el('span', { class: 'slide-where' }, [
        report.groups.length > 1 && t('Group {n} of {total}', { n: at + 1, total: report.groups.length }),
        tn('{n} card', '{n} cards', cards),
      ].filter(Boolean).join(' · '))),
    columns([themes, ...kindColumns(part.top, part.cards, kinds, false)]));
}

/**
 * The synthesis: the room's top items a kind, each naming its group; then what several groups
 * share: the lines the facilitator merged (each part with its group and words), and the
 * themes of alike names in two groups or more.
 */
function synthesis(s, kinds) {
  const merged = (s.merged || []).map((line) => el('li', { class: 'report-theme report-merged' },
    el('span', { class: 'report-text', dir: 'auto' }, line.name),
    el('span', { class: 'report-meta' }, line.lines.flatMap((part, i) => [i > 0 && ' · ',
      el('strong', { dir: 'auto' }, part.group), ': ', el('span', { dir: 'auto' }, part.text)]))));
  const themes = s.shared_themes.map((th) => el('li', { class: 'report-theme' },
    el('span', { class: 'report-text', dir: 'auto' }, th.name),
    el('span', { class: 'report-meta', dir: 'auto' }, th.groups.join(' · '))));
  const across = [...merged, ...themes];
  const shared = across.length > 0 && column(t('Across groups'), across.length, { class: 'slide-themes' }, across);
  return el('div', { class: 'slide', 'data-view': 'synthesis' },
    el('h2', { class: 'report-title' }, t('Synthesis: the whole room')),
    columns([...kindColumns(s.top, s.cards, kinds, true), shared]));
}

function columns(cols) {
  const shown = cols.filter(Boolean);
  return el('div', { class: 'slide-cols', style: `--slide-cols: ${Math.max(1, shown.length)}` }, shown);
}

/** One column a kind: its top items with a bar for their votes, naming the group in the synthesis. */
function kindColumns(top, totals, kinds, withGroup) {
  const most = Math.max(1, ...Object.values(top).flat().map((i) => i.votes || 0));
  return kinds.map((kind, index) => {
    const items = top[kind.id] || [];
    const total = totals && totals[kind.id] != null ? totals[kind.id] : items.length;
    return column(kind.label, total, { class: 'report-kind', 'data-kind-index': index },
      items.map((item) => el('li', { class: 'report-item', 'data-card-id': item.card_id },
        el('span', { class: 'report-text', dir: 'auto' }, item.text),
        el('span', { class: 'report-meta', dir: 'auto' },
          [withGroup && item.group, item.theme && t('theme: {name}', { name: item.theme }),
            item.author && [item.author, item.organisation].filter(Boolean).join(', ')].filter(Boolean).join(' · ')),
        bar(item.votes, most))));
  });
}

/** A column: its heading with room for "+N more", then its list; `total` counts what exists. */
function column(heading, total, attrs, items) {
  const col = el('section', { ...attrs, class: `slide-col ${attrs.class}`, 'data-total': total },
    el('h3', {}, el('span', { dir: 'auto' }, heading), ' ', el('span', { class: 'slide-more', hidden: true })),
    items.length === 0 ? el('p', { class: 'report-empty' }, t('Nothing yet')) : el('ol', { class: 'slide-items' }, items));
  return col;
}

function fitColumn(col) {
  const list = col.querySelector('.slide-items');
  const more = col.querySelector('.slide-more');
  const total = Number(col.dataset.total);
  // Fitted with the count at its widest in the heading, so that showing it later (it may
  // wrap a long heading) takes no room from the items already placed.
  more.hidden = false;
  more.textContent = t('+{n} more', { n: total });
  const shown = list ? fitList(list) : 0;
  const notShown = total - shown;
  more.hidden = notShown <= 0;
  more.textContent = notShown > 0 ? t('+{n} more', { n: notShown }) : '';
}

/** Votes are null until the facilitator reveals them: then no bar at all. */
function bar(n, most) {
  if (n == null) return null;
  return el('span', { class: 'vote-bar' },
    n > 0 && el('span', { class: 'vote-fill', style: `width: ${Math.round((100 * n) / most)}%` }),
    el('span', { class: 'tally', 'data-votes': n }, votes(n)));
}
