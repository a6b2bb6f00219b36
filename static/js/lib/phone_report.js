// The phone's report-back and thank-you page (#16), loaded by attendee.js only when one of
// them comes: report-back follows the projector, made for a phone; the thank-you page shows
// the person's own part and the top items of their group and of the room.
import { t, tn } from './i18n.js';
import { byNewest, el, tallyNode } from './render.js';

const $ = (id) => document.getElementById(id);

// Its styles come with it.
document.head.append(el('link', { rel: 'stylesheet', href: '/static/css/phone-end.css' }));

/** One ranked item: its text, its votes (once revealed), where it comes from. */
function itemNode(item, group) {
  const meta = [group && item.group, item.theme && t('theme: {name}', { name: item.theme })].filter(Boolean);
  return el('li', { class: 'report-item' }, el('span', { class: 'report-text', dir: 'auto' }, item.text), ' ',
    tallyNode(item.votes), meta.length > 0 && [' ', el('span', { class: 'report-meta', dir: 'auto' }, meta.join(' · '))]);
}

/** Each kind that has items, a heading over its ranked list; [] when none has any. */
function rankedByKind(top, kinds, { group = false, level = 'h3' } = {}) {
  return kinds.filter((kind) => (top[kind.id] || []).length > 0).map((kind) => el('section', { class: 'report-kind' },
    el(level, { dir: 'auto' }, kind.label),
    el('ol', { class: 'thanks-items' }, top[kind.id].map((item) => itemNode(item, group)))));
}

const none = (text) => el('p', { class: 'empty' }, text);

/**
 * Report-back as the projector shows it (`report.view`): the synthesis of the room, or a
 * group. A phone has only its own group's part, so while another group is on the screen it
 * shows its own and says so.
 */
export function showReport(state, myGroupId) {
  const { report, kinds } = state;
  if (!$('report-heading')) {
    $('report-view').append(el('h2', { id: 'report-heading', dir: 'auto' }), el('p', { id: 'report-where', class: 'report-where' }),
      el('div', { id: 'report-body' }));
  }
  let heading = t('Synthesis: the whole room');
  let where = t('On the screen now: the synthesis of all groups.');
  let body;
  if (report.view === 'synthesis') {
    const shared = report.synthesis.shared_themes || [];
    body = [...orNone(rankedByKind(report.synthesis.top, kinds, { group: true }), t('No cards to report yet.')),
      shared.length > 0 && el('section', { class: 'report-kind' }, el('h3', {}, t('Themes in several groups')),
        el('ul', { class: 'thanks-items' }, shared.map((s) => el('li', {}, el('span', { dir: 'auto' }, s.name), ' ',
          el('span', { class: 'report-meta', dir: 'auto' }, s.groups.join(' · '))))))];
  } else {
    const mine = report.groups.find((g) => g.group_id === myGroupId);
    const onScreen = report.group_id === myGroupId;
    const themes = mine ? mine.themes.filter((th) => th.cards > 0) : [];
    heading = mine ? mine.name : t('Report back');
    where = onScreen ? t('Your group is on the screen now.') : t('Another group is on the screen. Here is your group’s part.');
    $('report-where').dataset.onScreen = String(onScreen);
    body = [...orNone(mine ? rankedByKind(mine.top, kinds) : [], t('Your group has no cards to report.')),
      themes.length > 0 && el('section', { class: 'report-kind' }, el('h3', {}, t('Themes')),
        el('ol', { class: 'thanks-items' }, themes.map((th) => el('li', { class: 'report-item' },
          el('span', { class: 'report-text', dir: 'auto' }, th.name), ' ', tallyNode(th.votes),
          ' ', el('span', { class: 'report-meta' }, tn('{n} card', '{n} cards', th.cards))))))];
  }
  if (report.view === 'synthesis') $('report-where').dataset.onScreen = 'false';
  $('report-heading').textContent = heading;
  $('report-where').textContent = where;
  $('report-view').dataset.view = report.view;
  $('report-body').replaceChildren(...body.filter(Boolean));
}

const orNone = (parts, text) => (parts.length ? parts : [none(text)]);

/** The closed workshop: thanks; then, for someone who took part, what they gave (their cards,
 * wherever they are now), their group's top items and the room's, each only when it has something. */
export function showThanks(state) {
  const { report, me, kinds } = state;
  const mine = me ? [...state.cards.values(), ...state.others.values()].filter((c) => c.participant_id === me.id).sort(byNewest) : [];
  if (!$('thanks-mine')) {
    const part = (id, heading, ...body) => el('section', { id, class: 'thanks-part', hidden: true, 'aria-labelledby': `${id}-heading` },
      el('h3', { id: `${id}-heading` }, heading), ...body);
    $('thanks').append(
      part('thanks-mine', t('What you gave'), el('p', { id: 'thanks-mine-count', class: 'thanks-count' }),
        el('ol', { id: 'thanks-mine-cards', class: 'thanks-items' })),
      part('thanks-group', t('Your group’s top items'), el('div', { id: 'thanks-top' })),
      part('thanks-room', t('The room’s top items'), el('div', { id: 'thanks-room-top' })));
  }
  $('thanks-mine').hidden = !me;
  if (me) {
    const dots = Math.max(0, state.settings.votes_per_person - (state.votes_left || 0));
    const posted = tn('You posted {n} card', 'You posted {n} cards', mine.length);
    const placed = tn('you placed {n} dot', 'you placed {n} dots', dots);
    $('thanks-mine-count').textContent = dots > 0 ? [posted, placed].join(' · ') : posted;
    $('thanks-mine-cards').replaceChildren(...mine.map((c) => el('li', { dir: 'auto' }, c.text)));
  }
  const part = report && me && report.groups.find((g) => g.group_id === me.group_id);
  const group = part ? rankedByKind(part.top, kinds, { level: 'h4' }) : [];
  $('thanks-top').replaceChildren(...group);
  $('thanks-group').hidden = !group.length;
  const room = report ? rankedByKind(report.synthesis.top, kinds, { group: true, level: 'h4' }) : [];
  $('thanks-room-top').replaceChildren(...room);
  $('thanks-room').hidden = !room.length;
}
