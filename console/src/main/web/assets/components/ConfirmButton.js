import { html, useState } from '../lib.js';

/**
 * An action that cannot be undone (delete a view or a team, purge a ticket): the first click asks, the second acts,
 * "Keep it" backs out.
 */
export function ConfirmButton({ label, ariaLabel, question, confirmLabel, onConfirm }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return html`<button type="button" aria-label=${ariaLabel ?? null} onClick=${() => setAsking(true)}>${label}</button>`;
  }
  return html`<span class="confirm">${question && html`<span>${question}</span> `}
    <button type="button" onClick=${async () => { await onConfirm(); setAsking(false); }}>${confirmLabel}</button>
    <button type="button" class="quiet" onClick=${() => setAsking(false)}>Keep it</button></span>`;
}
