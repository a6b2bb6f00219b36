// The board: every group's column side by side (its name, lock and size limit, counts,
// people, themes and cards), the filter bar, and redrawing one column without losing the
// keyboard's place.
import { t } from '../lib/i18n.js';
import { byNewest, el, keyedList } from '../lib/render.js';
import { themesOf } from '../lib/model.js';
import { $, act, model, update } from './page.js';
import { cardItem, menu, mergeCards, updateMerge } from './cards.js';
import { personItem } from './people.js';
import { themeCreateForm, themeHead, suggest } from './themes.js';
import { drawTallies } from './tallies.js';
import { drawSpotlight } from './spotlight.js';

let columns = new Map(); // group id -> the column's parts
const unfolded = new Set(); // group ids whose people list the facilitator opened

export function drawBoard() {
  const active = document.activeElement;
  const focused = active && active.closest('#groups [data-group-id]');
  const again = active && ['group-lock', 'group-limit'].find((c) => active.classList.contains(c));
  columns = new Map(model.groups.map((g) => [g.id, column(g)]));
  $('groups').replaceChildren(...[...columns.values()].map((c) => c.node));
  model.groups.forEach((g) => refresh(g.id));
  drawCounts();
  // Group names appear in every "Move to…" list, so a new or renamed group redraws the
  // board; the control that had the focus gets it back.
  if (focused) {
    const column = $('groups').querySelector(`[data-group-id="${focused.dataset.groupId}"]`);
    const next = column && (again ? column.querySelector(`.${again}`) : column.querySelector('.group-menu > summary'));
    if (next && again) next.closest('details').open = true;
    if (next) next.focus();
  }
}

export function refreshAll() {
  model.groups.forEach((g) => refresh(g.id));
}

let orgs = '';
/** The filter bar: kinds, theme names, organisations (redrawn only when its choices change). */
export function drawFilter() {
  const names = [...new Set([...model.themes.values()].map((th) => th.name))].sort((a, b) => a.localeCompare(b));
  const found = new Set();
  model.cards.forEach((c) => { if (c.organisation) found.add(c.organisation); });
  model.people.forEach((p) => { if (p.organisation) found.add(p.organisation); });
  const organisations = [...found].sort((a, b) => a.localeCompare(b));
  const signature = JSON.stringify([model.kinds, names, organisations]);
  if (signature === orgs) return;
  orgs = signature;
  const options = (id, all, values) => {
    const select = $(id);
    const current = select.value;
    select.replaceChildren(el('option', { value: '' }, all),
      ...values.map(([value, label]) => el('option', { value, selected: value === current }, label)));
  };
  options('filter', t('All kinds'), model.kinds.map((k) => [k.id, k.label]));
  options('filter-theme', t('All themes'), [['none', t('No theme')], ...names.map((n) => [`name:${n}`, n])]);
  options('filter-org', t('All organisations'), organisations.map((o) => [o, o]));
}

/** Whether a card passes the filter bar (kind, theme, organisation). */
function shows(card) {
  const kind = $('filter').value;
  const theme = $('filter-theme').value;
  const org = $('filter-org').value;
  const themed = model.themes.get(card.theme_id);
  if (kind && card.kind !== kind) return false;
  if (theme === 'none' && themed) return false;
  if (theme.startsWith('name:') && (!themed || `name:${themed.name}` !== theme)) return false;
  return !org || card.organisation === org;
}

// A redraw must not throw a keyboard user back to the top of the page: note which control of
// which card, person or theme has focus, and focus the same one in the redrawn column.
const OWNERS = ['data-card-id', 'data-participant-id', 'data-theme-id'];
const TWINS = { 'card-hide': 'card-unhide', 'card-unhide': 'card-hide' };

function focusedIn(root) {
  const active = document.activeElement;
  if (!active || !root.contains(active)) return null;
  const attr = OWNERS.find((a) => active.closest(`[${a}]`));
  if (!attr) return null;
  const control = [...active.classList].find((c) => /^(card|person|theme)(-|$)/.test(c));
  return control && { attr, id: active.closest(`[${attr}]`).getAttribute(attr), control };
}

function restoreFocus(root, was) {
  if (!was) return;
  const owner = root.querySelector(`[${was.attr}="${was.id}"]`);
  if (!owner) return;
  const target = owner.matches(`.${was.control}`) ? owner
    : owner.querySelector(`.${was.control}`) || owner.querySelector(`.${TWINS[was.control]}`);
  if (!target || document.activeElement === target) return;
  const folded = target.closest('details:not([open])');
  if (folded) folded.open = true; // the control was in a card's menu: open it again
  target.focus();
}

/** Redraws one group's people, themes and cards from the model, keeping the keyboard focus. */
export function refresh(groupId) {
  const col = columns.get(groupId);
  if (!col) return;
  const was = focusedIn(col.node);
  redraw(col, groupId);
  restoreFocus(col.node, was);
}

function redraw(col, groupId) {
  const members = [...model.people.values()].filter((p) => p.group_id === groupId)
    .sort((a, b) => a.joined_at - b.joined_at);
  const online = members.filter((p) => p.online).length;
  col.peopleHeading.textContent = t('People ({n})', { n: members.length })
    + (members.length ? ` · ${t('{n} online', { n: online })}` : '');
  col.drawPeople(members.map((p) => [p.id, p]));
  const themes = themesOf(model, groupId);
  // Each card's "Move to theme" list names the themes: a new set of themes rebuilds the zones.
  const signature = themes.map((th) => `${th.id}:${th.name}`).join('\n');
  if (signature !== col.signature) {
    col.signature = signature;
    drawZones(col, themes);
  }
  const shown = [...model.cards.values()].filter((c) => c.group_id === groupId && shows(c)).sort(byNewest);
  for (const [key, zone] of col.zones) {
    zone.draw(shown.filter((c) => (col.zones.has(c.theme_id) ? c.theme_id : 'none') === key).map((c) => [c.id, c]));
  }
  drawTallies();
  updateMerge(groupId);
  drawSpotlight();
}

function drawZones(col, themes) {
  col.zones = new Map();
  // Named with their group too ("No theme, Ops"): two groups' zones may share a name.
  const groupId = col.node.dataset.groupId;
  const group = `group-${groupId}-name`;
  const zone = (theme) => {
    const list = el('ol', { class: 'cards', 'data-empty': t('Drop cards here') });
    const node = theme
      ? el('section', { class: 'theme', 'data-theme-id': theme.id, 'aria-labelledby': `theme-${theme.id}-name ${group}` }, themeHead(theme), list)
      : el('section', { class: 'no-theme', 'aria-labelledby': `zone-${groupId}-none ${group}` },
        el('h4', { class: 'zone-name', id: `zone-${groupId}-none`, hidden: themes.length === 0 }, t('No theme')), list);
    col.zones.set(theme ? theme.id : 'none', { node, draw: keyedList(list, cardItem) });
    return node;
  };
  col.zoneBox.replaceChildren(...themes.map(zone), zone(null));
}

export function drawCounts() {
  const groups = (model.counts && model.counts.groups) || {};
  for (const [id, col] of columns) {
    const tally = (groups[id] && groups[id].cards) || {};
    col.counts.replaceChildren(...model.kinds.map((k, i) => el('span',
      { class: 'count', 'data-kind': k.id, 'data-kind-index': i },
      el('span', { dir: 'auto' }, k.label), ' ', el('strong', {}, tally[k.id] || 0))));
  }
}

function column(group) {
  const cards = el('div', { class: 'zones' });
  const members = el('ul', { class: 'people' });
  const counts = el('span', { class: 'group-counts' });
  const peopleHeading = el('summary', { class: 'people-heading' }, t('People'));
  const people = el('details', { class: 'people-fold', open: unfolded.has(group.id) }, peopleHeading, members);
  people.addEventListener('toggle', () => (people.open ? unfolded.add(group.id) : unfolded.delete(group.id)));
  const suggestions = el('ul', { class: 'suggestions', 'aria-label': t('Suggested themes for {group}', { group: group.name }) });
  const merge = el('button', {
    type: 'button',
    class: 'merge-cards',
    disabled: true,
    title: t('Merge the ticked cards into the first of them, as listed'),
    onclick: () => mergeCards(group.id),
  }, t('Merge into first'));
  const node = el('section', { class: 'group', 'data-group-id': group.id, 'data-locked': String(Boolean(group.locked)), 'aria-labelledby': `group-${group.id}-name` },
    groupHead(group),
    el('div', { class: 'group-line' }, counts, people),
    el('h3', { class: 'visually-hidden' }, t('Cards')),
    el('div', { class: 'group-tools' }, themeCreateForm(group),
      el('button', {
        type: 'button', class: 'suggest-themes', title: t('Suggest themes'), onclick: () => suggest(group, suggestions),
      }, t('Suggest')),
      merge),
    suggestions, cards);
  return {
    node,
    counts,
    peopleHeading,
    zoneBox: cards,
    zones: new Map(),
    signature: null,
    drawPeople: keyedList(members, personItem),
  };
}

/** The group's name with a Rename button that turns into an inline form. */
function groupHead(group) {
  const nameId = `group-${group.id}-name`;
  const title = el('div', { class: 'group-title' },
    el('h2', { id: nameId, class: 'group-name', dir: 'auto' }, group.name),
    group.locked && el('span', { class: 'group-flag' }, t('locked')));
  const controls = groupControls(group, () => toggle(true));
  const input = el('input', {
    class: 'group-rename-input', name: 'name', maxlength: 60, required: true, dir: 'auto',
    'aria-label': t('New name for {name}', { name: group.name }),
    onkeydown: (event) => { if (event.key === 'Escape') toggle(false); },
  });
  const form = el('form', { class: 'group-rename-form', hidden: true, onsubmit: rename },
    input,
    el('button', { type: 'submit', class: 'primary' }, t('Save')),
    el('button', { type: 'button', onclick: () => toggle(false) }, t('Cancel')));

  function toggle(open) {
    title.hidden = open;
    controls.hidden = open;
    form.hidden = !open;
    if (!open) {
      controls.querySelector('summary').focus();
      return;
    }
    controls.open = false;
    input.value = group.name;
    input.focus();
    input.select();
  }
  async function rename(event) {
    event.preventDefault();
    const ack = await act('group:rename', { group_id: group.id, name: input.value.trim() });
    if (ack) update('group:renamed', ack);
  }
  return el('header', { class: 'group-head' }, title, form, controls);
}

/** The column's menu: Rename, Lock (nobody joins or posts) and the size limit (for self-select). */
function groupControls(group, rename) {
  const nameId = `group-${group.id}-name`;
  const limit = el('input', {
    type: 'number', class: 'group-limit', min: 1, max: 1000, step: 1, placeholder: t('none'),
    onchange: async () => {
      const value = limit.value.trim();
      const ack = await act('group:limit', { group_id: group.id, size_limit: value === '' ? null : Number(value) });
      if (ack) update('group:updated', ack);
      else limit.value = group.size_limit == null ? '' : group.size_limit;
    },
  });
  limit.value = group.size_limit == null ? '' : group.size_limit;
  return menu('group-menu', t('Rename, lock or limit {group}', { group: group.name }),
    el('button', { type: 'button', class: 'group-rename', 'aria-describedby': nameId, onclick: rename }, t('Rename')),
    el('button', {
      type: 'button',
      class: 'group-lock',
      'data-locked': String(Boolean(group.locked)),
      'aria-describedby': nameId,
      onclick: async () => {
        const ack = await act('group:lock', { group_id: group.id, locked: !group.locked });
        if (ack) update('group:updated', ack);
      },
    }, group.locked ? t('Unlock') : t('Lock')),
    el('label', { class: 'group-limit-label' }, `${t('Size limit')} `, limit));
}
