// The shared countdown (what a phase allows comes with the phase: lib/model.js).

/**
 * Counts the server's `ends_at - now` down from the Timer's arrival (a phone's clock may be
 * off). `onTick(seconds, timer)` on each change and 4 times a second; `onDone()` when a watched
 * countdown reaches zero; `onMilestone(s)` when it passes one of MILESTONES.
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
