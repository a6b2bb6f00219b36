// The projector's high-contrast, large-type mode: a toggle button, or ?contrast=high (or
// normal) in the address. The choice is remembered on this computer, so a projector that
// reloads keeps it. The styles are in screen.css, under body[data-contrast=high].

const KEY = 'workshop:contrast';

/** Wires the toggle `button` (aria-pressed) and applies the remembered or requested mode. */
export function setUpContrast(button) {
  const asked = new URLSearchParams(window.location.search).get('contrast');
  if (asked === 'high' || asked === 'normal') remember(asked);
  const apply = (high) => {
    if (high) document.body.dataset.contrast = 'high';
    else delete document.body.dataset.contrast;
    button.setAttribute('aria-pressed', String(high));
  };
  apply(stored() === 'high');
  button.addEventListener('click', () => {
    const high = document.body.dataset.contrast !== 'high';
    remember(high ? 'high' : 'normal');
    apply(high);
  });
}

// localStorage may be refused (a locked-down browser): the mode then lasts for this page only.
function stored() {
  try { return localStorage.getItem(KEY); } catch { return null; }
}

function remember(value) {
  try { localStorage.setItem(KEY, value); } catch { /* this page only */ }
}
