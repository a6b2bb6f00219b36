// The run of a workshop, shared by the pages: the countdown, the phase rules, vote tallies.

/**
 * The shared countdown. A phone's clock may be minutes off, so it counts the server's
 * `ends_at - now` down from when the Timer arrived (performance.now()), never by Date.now().
 * `onTick(seconds, timer)` runs on each change and four times a second while running;
 * `onDone()` once when a countdown this page watched reaches zero; `onMilestone(seconds)`
 * when it counts down past one of MILESTONES (not when a Timer arrives already past it).
 */
export function createClock(onTick, onDone, onMilestone = () => {}) {
  let timer = null;
  let left = 0; // seconds left when the Timer arrived
  let at = 0;
  let loop = null;
  let armed = false; // seen above zero while running: only then does zero signal
  let last = null; // seconds left at the previous tick of this countdown

  const tick = () => {
    const running = Boolean(timer && timer.running);
    const s = Math.max(0, running ? left - (performance.now() - at) / 1000 : left);
    if (running && s > 0) armed = true;
    else clearInterval(loop);
    onTick(s, timer);
    if (running && last !== null) MILESTONES.filter((m) => last > m && s <= m).forEach(onMilestone);
    last = running ? s : null;
    if (armed && running && s <= 0) {
      armed = false;
      onDone();
    }
  };
  return {
    set(next) {
      timer = next || null;
      at = performance.now();
      left = timer ? secondsLeft(timer) : 0;
      armed = armed && Boolean(timer && timer.running);
      last = null; // a new Timer is announced by the page itself, not as a milestone
      clearInterval(loop);
      if (timer && timer.running) loop = setInterval(tick, 250);
      tick();
    },
    redraw: () => tick(),
  };
}

/** Seconds left on a Timer when it was sent (by the server's clock, never the phone's). */
export const secondsLeft = (timer) => (timer.running && timer.ends_at != null ? timer.ends_at - timer.now : timer.remaining);

/** Seconds left at which a running countdown is announced to screen readers. */
export const MILESTONES = [300, 60];

/** 75 → "1:15", 3725 → "1:02:05"; rounds up, so "0:00" shows only when time is up. */
export function mmss(seconds) {
  const t = Math.ceil(seconds);
  const pad = (n) => String(n).padStart(2, '0');
  const m = Math.floor((t % 3600) / 60);
  return t >= 3600 ? `${Math.floor(t / 3600)}:${pad(m)}:${pad(t % 60)}` : `${m}:${pad(t % 60)}`;
}

/** Whether a phase takes new cards, edits and deletes (docs/protocol.md, "Phase rules"). */
export function allowsCards(phase, settings) {
  if (settings && settings.closed) return false;
  return !phase || ['join', 'brainstorm', 'cluster'].includes(phase.kind)
    || (phase.kind === 'vote' && settings.cards_while_voting);
}

export const allowsVotes = (phase, settings) => Boolean(phase && settings && !settings.closed && phase.kind === 'vote');

/** Closed by the switch or by a `closed` phase. */
export const isClosed = (phase, settings) => Boolean((settings && settings.closed) || (phase && phase.kind === 'closed'));

/** `votes:changed` carries only the items whose count changed (0 included): merge, never replace. */
export const mergeTallies = (held, changed) => ({
  cards: { ...(held && held.cards), ...(changed && changed.cards) },
  themes: { ...(held && held.themes), ...(changed && changed.themes) },
});
