import { html, useEffect, useState } from '../lib.js';
import { api } from '../api.js';
import { useReport } from '../components/Banner.js';
import { SentimentChip } from '../components/SentimentChip.js';
import { channel, exactTime, relativeTime } from '../format.js';

/**
 * What the search box found (GET /api/search): the ticket with that number, or the customer with that email or
 * phone and their newest tickets. A single ticket found by number opens at once, as agents expect of "#1042".
 */
export function SearchResults({ query, onOpen, openTicketId }) {
  const report = useReport();
  const [result, setResult] = useState(null);
  const load = () => {
    setResult(null);
    api.search(query).then((found) => {
      setResult(found);
      if (found.tickets.length === 1 && found.customers.length === 0 && !openTicketId) onOpen(found.tickets[0].ticketId);
    }).catch((e) => report(e, load));
  };
  useEffect(load, [query]);

  return html`
    <section class="list search-results" aria-labelledby="search-title">
      <h2 id="search-title">Results for “${query}”</h2>
      ${result === null && html`<p role="status">Searching…</p>`}
      ${result && result.tickets.length === 0 && result.customers.length === 0 && html`
        <p class="empty" role="status">Nothing found. Search by ticket number (1042 or #1042), email address or phone number.</p>`}
      ${result && result.customers.length > 0 && html`
        <h3>Customers</h3>
        <ul class="found-customers">
          ${result.customers.map((c) => html`<li key=${c.customerId}>
            <strong>${c.name || 'Unknown customer'}</strong>
            <span class="muted"> · ${[...c.emails, ...c.phones].join(', ') || 'no email or phone'} · Tickets (${c.ticketCount})</span></li>`)}
        </ul>`}
      ${result && result.tickets.length > 0 && html`
        <h3>Tickets</h3>
        <ul class="found-tickets">
          ${result.tickets.map((t) => {
            const ch = channel(t.channel);
            return html`<li key=${t.ticketId} aria-current=${t.ticketId === openTicketId ? 'true' : null}>
              <a href=${`#/ticket/${encodeURIComponent(t.ticketId)}`} onClick=${(e) => { e.preventDefault(); onOpen(t.ticketId); }}>
                #${t.number} ${t.subject || '(no subject)'}</a>
              <span class="muted">${` · ${t.customerName || 'Unknown customer'} · `}<span aria-hidden="true">${ch.icon}</span>
                ${` ${ch.name} · ${t.statusName} · ${t.assigneeName} · `}</span><${SentimentChip} sentiment=${t.sentiment} />
              <span class="muted"> · <time datetime=${t.lastInteractionAt} title=${exactTime(t.lastInteractionAt)}>
                ${relativeTime(t.lastInteractionAt)}</time></span></li>`;
          })}
        </ul>`}
    </section>`;
}
