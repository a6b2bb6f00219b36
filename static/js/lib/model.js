// Every page's model of a workshop: the server's `state` kept current by its events. Pure;
// no copy of the server's rules (a phase says what it allows, tallies are its totals).

export const createModel = () => ({
  role: null, workshop: null, kinds: [], groups: [], me: null, agenda: [], phase: null, timer: null, settings: null,
  cards: new Map(), others: new Map(), themes: new Map(), tallies: null, report: null, spotlight: null,
  vote_progress: null, votes_left: 0, my_votes: null, people_in: null,
});

const byId = (list) => new Map((list || []).map((item) => [item.id, item]));
const merge = (a, b) => ({ ...a, ...b });
// Events that replace the state's field of the same name.
const FIELDS = {
  'timer:changed': 'timer', 'settings:changed': 'settings', 'report:changed': 'report',
  'spotlight:changed': 'spotlight', 'votes:progress': 'vote_progress',
};

/** Applies a server event to `m` in place; returns the parts (`what`) and groups it touched. */
export function apply(m, event, p = {}) {
  const what = new Set();
  const groups = new Set();
  const touch = (...parts) => parts.forEach((x) => what.add(x));
  // An attendee's `cards` are their group's shown ones, `others` their own elsewhere.
  const put = (card) => {
    [card, m.cards.get(card.id) || m.others.get(card.id)].forEach((c) => c && groups.add(c.group_id));
    const shown = !m.me || (card.group_id === m.me.group_id && !card.hidden);
    const mine = !shown && card.participant_id === m.me.id;
    m.cards[shown ? 'set' : 'delete'](card.id, card);
    if (mine || m.others.has(card.id)) touch('others');
    m.others[mine ? 'set' : 'delete'](card.id, card);
    touch('cards');
  };
  if (FIELDS[event]) {
    m[FIELDS[event]] = p[FIELDS[event]];
    touch(event === 'settings:changed' ? 'run' : FIELDS[event].replace('vote_', ''));
  }
  switch (event) {
    case 'state':
      Object.assign(m, createModel(), p, {
        cards: new Map(), others: byId(p.my_other_cards), themes: byId(p.themes),
        people_in: typeof p.people === 'number' ? p.people : null, // a screen's count
      });
      (p.cards || []).forEach(put);
      touch('all');
      break;
    case 'card:added':
    case 'card:updated':
      put(p.card);
      break;
    case 'card:merged': // the merged cards' dots come back with a fresh state
      p.merged.forEach((id) => m.cards.delete(id));
      put(p.card);
      break;
    case 'card:deleted':
    case 'card:hidden': { // hidden leaves the group and the screens; its author still has it
      const card = m.cards.get(p.card_id);
      m.cards.delete(p.card_id);
      if (event === 'card:hidden' && card && m.me && card.participant_id === m.me.id) {
        m.others.set(card.id, { ...card, hidden: true });
        touch('others', 'set-aside');
      }
      groups.add(p.group_id);
      touch('cards');
      break;
    }
    case 'people:changed':
      m.people_in = p.people;
      break;
    case 'group:added':
    case 'group:renamed':
    case 'group:updated':
      m.groups = m.groups.filter((g) => g.id !== p.group.id).concat(p.group).sort((a, b) => a.position - b.position);
      touch('groups');
      break;
    case 'phase:changed':
    case 'agenda:changed':
      m.phase = p.phase;
      if (p.agenda) m.agenda = p.agenda;
      if (p.timer) touch('timer');
      m.timer = p.timer || m.timer;
      touch('run');
      break;
    case 'workshop:closed':
    case 'workshop:reopened': // a fresh `state` follows; the switch flips at once all the same
      m.settings = merge(m.settings, { closed: event === 'workshop:closed' });
      touch('run');
      break;
    case 'workshop:edited': // its phase carries the new question
      m.workshop = merge(m.workshop, p.workshop);
      m.kinds = p.kinds || m.kinds;
      m.phase = p.phase || m.phase;
      touch('workshop', 'run');
      break;
    case 'theme:created':
    case 'theme:renamed':
      m.themes.set(p.theme.id, p.theme);
      groups.add(p.theme.group_id);
      touch('themes');
      break;
    case 'theme:deleted': // its cards stay, in no theme
      m.themes.delete(p.theme_id);
      m.cards.forEach((c) => { if (c.theme_id === p.theme_id) m.cards.set(c.id, { ...c, theme_id: null }); });
      groups.add(p.group_id);
      touch('themes', 'cards');
      break;
    case 'votes:changed': { // only the counts that changed: merged, never replacing
      const held = m.tallies || {};
      m.tallies = { cards: merge(held.cards, p.tallies.cards), themes: merge(held.themes, p.tallies.themes) };
      touch('tallies');
      break;
    }
    case 'votes:revealed':
    case 'votes:hidden': { // hidden: facilitators keep theirs, the room's go
      const shown = event === 'votes:revealed';
      if (shown && p.tallies) m.tallies = p.tallies;
      if (!shown && m.role !== 'facilitator') m.tallies = null;
      m.settings = merge(m.settings, { votes_revealed: shown });
      touch('tallies', 'run');
      break;
    }
    default:
  }
  return { what, groups };
}

/** A card's or theme's dots, or null when this page is not told them. */
export const votesOn = (m, type, id) => (m.tallies ? (m.tallies[type] && m.tallies[type][id]) || 0 : null);

/** A group's themes, oldest first. */
export const themesOf = (m, groupId) => [...m.themes.values()].filter((t) => t.group_id === groupId)
  .sort((a, b) => a.created_at - b.created_at || a.id - b.id);

/** What the current phase allows ({cards, votes, report}), as the server says with it. */
export const phaseAllows = (m) => (m.phase && m.phase.allows) || {};
