import { html, useEffect, useState } from '../lib.js';
import { api } from '../api.js';
import { useReport } from '../components/Banner.js';
import { channel, exactTime, relativeTime, STATUSES } from '../format.js';

const HISTORY_PAGE = 10;

/**
 * The customer sidebar (C-HISTORY, seed 000): who they are, and "Activity" with every ticket they ever opened,
 * sortable, filterable by status and paged by cursor. A past ticket opens in place; Esc returns.
 */
export function CustomerHistory({ customerId, currentTicketId, agentNames }) {
  const report = useReport();
  const [customer, setCustomer] = useState(null);
  const [sort, setSort] = useState('newest');
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(null);
  const [peek, setPeek] = useState(null);

  useEffect(() => {
    setCustomer(null);
    setPeek(null);
    const load = () => api.customer(customerId).then(setCustomer).catch((e) => report(e, load));
    load();
  }, [customerId]);

  const loadTickets = async (cursor) => {
    try {
      const body = await api.customerTickets(customerId, { sort, status, limit: HISTORY_PAGE, cursor });
      setPage((previous) => ({
        items: cursor ? [...previous.items, ...body.items] : body.items,
        cursor: body.cursor ?? null,
        total: body.total,
      }));
    } catch (e) {
      report(e, () => loadTickets(cursor));
    }
  };
  useEffect(() => {
    setPage(null);
    loadTickets(null);
  }, [customerId, sort, status]);

  useEffect(() => {
    if (!peek) return undefined;
    const onKey = (event) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        setPeek(null);
      }
    };
    document.addEventListener('keydown', onKey, true);
    return () => document.removeEventListener('keydown', onKey, true);
  }, [peek]);

  const open = async (ticketId) => {
    try {
      setPeek(await api.ticket(ticketId));
    } catch (e) {
      report(e, () => open(ticketId));
    }
  };

  return html`
    <aside class="customer" aria-labelledby="customer-title">
      <h2 id="customer-title">${customer ? customer.name || 'Customer' : 'Customer'}</h2>
      ${customer && html`
        <ul class="identities" aria-label="Identities">
          ${customer.identities.map((i) => html`<li key=${i.type + i.value}><span class="muted">${i.type}</span> ${i.value}</li>`)}
        </ul>
        ${customer.segments.length > 0 && html`
          <p>Segments: ${customer.segments.map((s) => html`<span class="label">${s}</span> `)}</p>`}`}
      ${peek ? html`<${PastTicket} ticket=${peek} agentNames=${agentNames} onBack=${() => setPeek(null)} />` : html`
        <h3>Activity</h3>
        <h4 id="history-title">Tickets (${page?.total ?? customer?.ticketCount ?? '…'})</h4>
        <div class="filters">
          <label>Order <select value=${sort} onChange=${(e) => setSort(e.currentTarget.value)}>
            <option value="newest">Newest</option><option value="oldest">Oldest</option>
          </select></label>
          <label>Status <select value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
            <option value="">All</option>
            ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
          </select></label>
        </div>
        ${page === null && html`<p role="status">Loading history…</p>`}
        ${page && page.items.length === 0 && html`<p class="empty">No tickets.</p>`}
        ${page && page.items.length > 0 && html`
          <ul class="history" aria-labelledby="history-title">
            ${page.items.map((t) => html`<${HistoryEntry} key=${t.ticketId} ticket=${t}
                current=${t.ticketId === currentTicketId} onOpen=${() => open(t.ticketId)} />`)}
          </ul>`}
        ${page?.cursor && html`<button type="button" class="load-more" onClick=${() => loadTickets(page.cursor)}>
          More tickets</button>`}`}
    </aside>`;
}

function HistoryEntry({ ticket, current, onOpen }) {
  const ch = channel(ticket.channel);
  return html`
    <li class=${current ? 'current' : ''}>
      <button type="button" class="entry" onClick=${onOpen} aria-current=${current ? 'true' : null}>
        <span class="entry-title">#${ticket.number} ${ticket.subject || '(no subject)'}</span>
        <span class="entry-facts">
          <span>${ticket.assigneeName}</span> · <span><span aria-hidden="true">${ch.icon}</span> ${ch.name}</span>
          ${ticket.labels?.length > 0 && html` · <span>${ticket.labels.join(', ')}</span>`}
          · <span>${ticket.statusName ?? ticket.status}</span>
          ${ticket.closedAt && html` · <span>closed <time datetime=${ticket.closedAt} title=${exactTime(ticket.closedAt)}>
            ${relativeTime(ticket.closedAt)}</time></span>`}
          · <span>last <time datetime=${ticket.lastInteractionAt} title=${exactTime(ticket.lastInteractionAt)}>
            ${relativeTime(ticket.lastInteractionAt)}</time></span>
        </span>
      </button>
    </li>`;
}

function PastTicket({ ticket, agentNames, onBack }) {
  const entries = [...(ticket.messages ?? []), ...(ticket.notes ?? [])]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return html`
    <section class="past" aria-labelledby="past-title">
      <button type="button" onClick=${onBack}>Back to activity (Esc)</button>
      <h3 id="past-title">#${ticket.number} ${ticket.subject || '(no subject)'}</h3>
      <p class="muted">${ticket.customStatus ?? ticket.status}</p>
      <ol class="transcript">
        ${entries.map((m) => html`
          <li key=${m.messageId} class=${`message ${m.kind}`}>
            <strong>${m.kind === 'note' ? 'Internal note' : m.kind === 'customer' ? 'Customer' : agentNames[m.authorId] ?? 'Agent'}</strong>
            <time class="muted" datetime=${m.createdAt} title=${exactTime(m.createdAt)}> ${relativeTime(m.createdAt)}</time>
            <p class="text">${m.text}</p>
          </li>`)}
      </ol>
    </section>`;
}
