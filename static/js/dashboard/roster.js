// The dashboard's people, beside the shared model (lib/model.js): who is in each group, who
// was removed, who is flagged, and the counts per group. Pure, like the model: it applies the
// facilitators' own events to the same model object and says what it touched.

const byId = (list) => new Map((list || []).map((item) => [item.id, item]));

/** Applies `state`, `participant:*`, `flags:changed`, `people:changed` or `counts:changed` to
 * `m`; returns `{what, groups}` as lib/model.js does ("people", "counts"). */
export function applyRoster(m, event, p = {}) {
  const what = new Set();
  const groups = new Set();
  const put = (person) => {
    const old = m.people.get(person.id) || m.removed.get(person.id);
    [person, old].forEach((x) => x && groups.add(x.group_id));
    (person.removed ? m.removed : m.people).set(person.id, person);
    (person.removed ? m.people : m.removed).delete(person.id);
    what.add('people');
  };
  switch (event) {
    case 'state':
      m.people = byId((p.participants || []).filter((x) => !x.removed));
      m.removed = byId((p.participants || []).filter((x) => x.removed));
      m.flags = new Map((p.flags || []).map((f) => [f.participant_id, f]));
      what.add('people');
      break;
    case 'participant:joined':
    case 'participant:updated':
      put(p.participant);
      break;
    case 'participant:removed': {
      const person = m.people.get(p.participant_id);
      if (person) put({ ...person, removed: true, online: false });
      break;
    }
    case 'flags:changed':
      p.flags.forEach((flag) => {
        if (flag.reasons.length) m.flags.set(flag.participant_id, flag);
        else m.flags.delete(flag.participant_id);
        const person = m.people.get(flag.participant_id);
        if (person) put({ ...person }); // a new object: its list item redraws
      });
      what.add('people');
      break;
    case 'people:changed':
      m.counts = { ...m.counts, people: p.people, online: p.online };
      what.add('counts');
      break;
    case 'counts:changed': // a card change sends only the groups it touched
      m.counts = { ...m.counts, ...p.counts, groups: { ...(m.counts && m.counts.groups), ...p.counts.groups } };
      what.add('counts');
      break;
    default:
  }
  return { what, groups };
}
