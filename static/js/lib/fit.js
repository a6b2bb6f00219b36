// Fitting text into a fixed projector area without scrolling: show whole items only and
// count the rest, or size one text to the room it has.
import { t } from './i18n.js';
import { el } from './render.js';

/** The bottom a child of `box` may reach: the box's inner bottom (its padding kept). */
function innerBottom(box) {
  const style = getComputedStyle(box);
  return box.getBoundingClientRect().bottom - parseFloat(style.paddingBottom) - parseFloat(style.borderBottomWidth);
}

/**
 * Shows the items of `list` in order as far as they fit whole inside it (the list being a
 * box of bounded height) and hides the others; returns how many are shown. A first item too
 * long even alone has its type reduced in 5% steps, to 80% at the least, rather than cut;
 * still too long, its text (`.report-text`) ends in an ellipsis after the lines that fit and
 * the item says it was shortened.
 */
export function fitList(list) {
  const items = [...list.children];
  items.forEach((item) => {
    item.hidden = false;
    item.style.fontSize = '';
    item.classList.remove('is-squeezed', 'is-shortened');
    item.querySelectorAll('.shortened-mark').forEach((n) => n.remove());
    const text = item.querySelector('.report-text');
    if (text) text.style.webkitLineClamp = '';
  });
  const bottom = innerBottom(list) + 0.5;
  const cut = items.findIndex((item) => item.getBoundingClientRect().bottom > bottom);
  if (cut === -1) return items.length;
  if (cut === 0) {
    const base = parseFloat(getComputedStyle(items[0]).fontSize);
    for (let scale = 0.95; scale >= 0.8 && items[0].getBoundingClientRect().bottom > bottom; scale -= 0.05) {
      items[0].style.fontSize = `${base * scale}px`;
      items[0].classList.add('is-squeezed');
    }
    if (items[0].getBoundingClientRect().bottom > bottom) shorten(items[0], bottom);
  }
  const shown = Math.max(cut, 1);
  items.forEach((item, i) => { item.hidden = i >= shown; });
  return shown;
}

/** Clamps `item`'s text to the lines that let it end above `bottom`, and marks it shortened. */
function shorten(item, bottom) {
  const text = item.querySelector('.report-text');
  if (!text) return;
  item.classList.add('is-shortened');
  text.after(el('span', { class: 'shortened-mark' }, t('shortened')));
  const line = parseFloat(getComputedStyle(text).lineHeight) || parseFloat(getComputedStyle(text).fontSize) * 1.2;
  const below = item.getBoundingClientRect().bottom - text.getBoundingClientRect().bottom;
  let lines = Math.max(1, Math.floor((bottom - below - text.getBoundingClientRect().top) / line));
  text.style.webkitLineClamp = String(lines);
  while (lines > 1 && item.getBoundingClientRect().bottom > bottom) {
    lines -= 1;
    text.style.webkitLineClamp = String(lines);
  }
}

/**
 * The largest font size, between `min` and `max` pixels, at which `box`'s content does not
 * overflow it (a binary search of a few layouts); `min` when none does.
 */
export function fitType(box, min, max) {
  let lo = min;
  let hi = max;
  box.style.fontSize = `${hi}px`;
  if (!overflows(box)) return hi;
  for (let step = 0; step < 8 && hi - lo > 1; step += 1) {
    const mid = (lo + hi) / 2;
    box.style.fontSize = `${mid}px`;
    if (overflows(box)) hi = mid;
    else lo = mid;
  }
  box.style.fontSize = `${lo}px`;
  return lo;
}

const overflows = (box) => box.scrollHeight > box.clientHeight + 1 || box.scrollWidth > box.clientWidth + 1;
