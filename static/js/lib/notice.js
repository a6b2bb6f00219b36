// The owner's message to everyone (POST /api/notices): shown at the top of the page until
// dismissed; a newer one replaces it.
import { t } from './i18n.js';

export function showNotice({ text }) {
  let box = document.getElementById('organiser-notice');
  if (!box) {
    box = document.createElement('div');
    box.id = 'organiser-notice';
    box.className = 'notice organiser-notice';
    box.setAttribute('role', 'alert');
    const heading = document.createElement('strong');
    heading.textContent = t('Message from the organisers');
    const body = document.createElement('p');
    body.className = 'organiser-notice-text';
    body.dir = 'auto';
    const dismiss = document.createElement('button');
    dismiss.type = 'button';
    dismiss.textContent = t('Hide this message');
    dismiss.addEventListener('click', () => box.remove());
    box.append(heading, body, dismiss);
    document.body.prepend(box);
  }
  box.querySelector('.organiser-notice-text').textContent = text;
}
