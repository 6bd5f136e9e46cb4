import { html } from '../lib.js';

/** The model's label as a coloured chip with its score; the reason, when known, on hover (C-LIST, C-TICKET). */
export function SentimentChip({ sentiment, reason }) {
  if (!sentiment) return html`<span class="chip chip-none">Unclassified</span>`;
  const label = sentiment.label ?? 'Unknown';
  return html`<span class=${`chip chip-${label.toLowerCase()}`} title=${reason || null}>${label} ${sentiment.score}</span>`;
}
