import { html, useEffect, useRef, useState } from '../lib.js';
import { BulkBar } from '../components/BulkBar.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { api } from '../api.js';
import { useReport } from '../components/Banner.js';
import { SentimentChip } from '../components/SentimentChip.js';
import { channel, CHANNEL_IDS, exactTime, relativeTime, SENTIMENTS, STATUSES } from '../format.js';

export const PAGE_SIZE = 50;
/** C-LIVE: the open view refreshes this often while the tab is visible. */
export const VIEW_REFRESH_MS = 15000;

export const VIEWS = [
  { id: 'mine', name: 'My inbox' },
  { id: 'unassigned', name: 'Unassigned' },
  { id: 'all', name: 'All' },
];

const SORTS = [
  ['newest', 'Newest'],
  ['oldest', 'Oldest'],
  ['sentiment', 'Most upset first'],
];

/**
 * One view (C-VIEWS, C-LIST): filters and sort, pages of 50 with "Load more", and a live refresh that never moves
 * rows under the cursor: new tickets wait behind an "N new" bar.
 */
const NO_FILTERS = { sort: 'newest', status: '', sentiment: '', channel: '', team: '', label: '' };

/**
 * @param view mine, unassigned or all; or a saved view ({@code savedView} set: the server applies its list and
 *        filters, and filters chosen here are added on top)
 */
export function TicketList({ view, savedView, agents, agentNames, teams, canAssign, openTicketId, onOpen, refreshKey, onViewSaved, onViewDeleted }) {
  const report = useReport();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [rows, setRows] = useState(null);
  const [cursor, setCursor] = useState(null);
  const [waiting, setWaiting] = useState([]);
  const [loadingMore, setLoadingMore] = useState(false);
  const [current, setCurrent] = useState(0);
  const [selected, setSelected] = useState(new Set());
  const [anchor, setAnchor] = useState(null);
  const [bulkResult, setBulkResult] = useState(null);
  const tableRef = useRef(null);
  const title = savedView ? savedView.name : VIEWS.find((v) => v.id === view)?.name ?? view;

  // Empty filters are left out, so a saved view's own filters stand unless one is chosen here.
  const params = (extra) => ({ ...(savedView ? { savedView: savedView.viewId } : { view }), limit: PAGE_SIZE,
    ...filters, ...extra });

  const load = async () => {
    try {
      const page = await api.tickets(params());
      setRows(page.items);
      setCursor(page.cursor ?? null);
      setWaiting([]);
    } catch (e) {
      setRows((previous) => previous ?? []);
      report(e, load);
    }
  };

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      const page = await api.tickets(params({ cursor }));
      setRows((previous) => {
        const seen = new Set(previous.map((t) => t.ticketId));
        return [...previous, ...page.items.filter((t) => !seen.has(t.ticketId))];
      });
      setCursor(page.cursor ?? null);
    } catch (e) {
      report(e, loadMore);
    } finally {
      setLoadingMore(false);
    }
  };

  useEffect(() => {
    setRows(null);
    setCurrent(0);
    setSelected(new Set());
    setBulkResult(null);
    load();
  }, [view, savedView?.viewId, ...Object.values(filters), refreshKey]);

  // Live refresh: rows already shown are updated in place; tickets that are new to the view wait behind the bar.
  useEffect(() => {
    const refresh = async () => {
      if (document.hidden || rows === null) return;
      try {
        const page = await api.tickets(params());
        const fresh = new Map(page.items.map((t) => [t.ticketId, t]));
        setRows((previous) => previous.map((t) => fresh.get(t.ticketId) ?? t));
        const shown = new Set(rows.map((t) => t.ticketId));
        setWaiting(page.items.filter((t) => !shown.has(t.ticketId)).map((t) => t.ticketId));
      } catch {
        // The next refresh tries again; a failing view is reported by the agent's own actions.
      }
    };
    const timer = setInterval(refresh, VIEW_REFRESH_MS);
    return () => clearInterval(timer);
  }, [rows, view, savedView?.viewId, ...Object.values(filters)]);

  const onKey = (event) => {
    if (!rows || rows.length === 0) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, current + (event.key === 'ArrowDown' ? 1 : -1)));
      setCurrent(next);
      tableRef.current?.querySelectorAll('tbody a')[next]?.focus();
    }
  };

  // C-ASSIGN: a click selects one row, shift-click the range from the last one clicked.
  const select = (index, shift) => {
    const next = new Set(selected);
    const on = !selected.has(rows[index].ticketId);
    const [from, to] = shift && anchor !== null ? [Math.min(anchor, index), Math.max(anchor, index)] : [index, index];
    for (let i = from; i <= to; i++) {
      if (on) next.add(rows[i].ticketId);
      else next.delete(rows[i].ticketId);
    }
    setSelected(next);
    setAnchor(index);
  };
  const selectAll = (on) => setSelected(on ? new Set(rows.map((t) => t.ticketId)) : new Set());

  const setFilter = (name) => (event) => setFilters({ ...filters, [name]: event.currentTarget.value.trim() });
  useEffect(() => setFilters(NO_FILTERS), [view, savedView?.viewId]);

  return html`
    <section class="list" aria-labelledby="list-title">
      <div class="list-head">
        <h2 id="list-title">${title}</h2>
        <div class="filters">
          <label>Sort <select value=${filters.sort} onChange=${setFilter('sort')}>
            ${SORTS.map(([value, name]) => html`<option value=${value}>${name}</option>`)}
          </select></label>
          <label>Status <select value=${filters.status} onChange=${setFilter('status')}>
            <option value="">Active</option>
            ${STATUSES.map((s) => html`<option value=${s}>${s}</option>`)}
          </select></label>
          <label>Sentiment <select value=${filters.sentiment} onChange=${setFilter('sentiment')}>
            <option value="">Any</option>
            ${SENTIMENTS.map((s) => html`<option value=${s}>${s}</option>`)}
          </select></label>
          <label>Channel <select value=${filters.channel} onChange=${setFilter('channel')}>
            <option value="">Any</option>
            ${CHANNEL_IDS.map((c) => html`<option value=${c}>${channel(c).name}</option>`)}
          </select></label>
          <label>Team <select value=${filters.team} onChange=${setFilter('team')}>
            <option value="">Any</option>
            ${teams.map((t) => html`<option value=${t.teamId}>${t.name}</option>`)}
          </select></label>
          <label>AI label <input size="10" value=${filters.label} onChange=${setFilter('label')} /></label>
        </div>
        ${!savedView && html`<${SaveView} view=${view} filters=${filters} onSaved=${onViewSaved} />`}
        ${savedView && html`<${DeleteView} savedView=${savedView} onDeleted=${onViewDeleted} />`}
      </div>
      ${canAssign && selected.size > 0 && html`<${BulkBar} ticketIds=${[...selected]} agents=${agents}
          onDone=${(result) => {
            setBulkResult(`${result.assigned} assigned` + (result.refused.length
              ? `; ${result.refused.length} not: ${result.refused.join('; ')}` : ''));
            setSelected(new Set(result.remaining));
            load();
          }} />`}
      ${bulkResult && html`<p class="notice" role="status">${bulkResult}</p>`}
      ${waiting.length > 0 && html`
        <button type="button" class="new-bar" onClick=${load}>${waiting.length} new — show</button>`}
      ${rows === null && html`<p role="status">Loading tickets…</p>`}
      ${rows !== null && rows.length === 0 && html`<p class="empty">No tickets in this view.</p>`}
      ${rows !== null && rows.length > 0 && html`
        <table ref=${tableRef} onKeyDown=${onKey} aria-describedby="list-hint">
          <caption class="visually-hidden">${title}: ${rows.length}${cursor ? '+' : ''} tickets</caption>
          <thead><tr>
            ${canAssign && html`<th scope="col"><input type="checkbox" aria-label="Select all tickets"
              checked=${rows.length > 0 && selected.size === rows.length} onChange=${(e) => selectAll(e.currentTarget.checked)} /></th>`}
            <th scope="col">#</th><th scope="col">Customer</th><th scope="col">Subject</th><th scope="col">Channel</th>
            <th scope="col">Sentiment</th><th scope="col">Status</th><th scope="col">Assignee</th>
            <th scope="col">SLA due</th><th scope="col">Last interaction</th>
          </tr></thead>
          <tbody>
            ${rows.map((t, i) => html`<${Row} key=${t.ticketId} ticket=${t} agentNames=${agentNames}
                 selectable=${canAssign} selected=${selected.has(t.ticketId)} onSelect=${(shift) => select(i, shift)}
                 open=${t.ticketId === openTicketId} current=${i === current}
                 onOpen=${() => { setCurrent(i); onOpen(t.ticketId); }} />`)}
          </tbody>
        </table>
        <p id="list-hint" class="visually-hidden">Arrow keys or j and k move between tickets; Enter opens one.</p>`}
      ${cursor && html`
        <button type="button" class="load-more" disabled=${loadingMore} onClick=${loadMore}>
          ${loadingMore ? 'Loading…' : 'Load more'}</button>`}
    </section>`;
}

function Row({ ticket, agentNames, selectable, selected, onSelect, open, current, onOpen }) {
  const ch = channel(ticket.channel);
  const assignee = ticket.assigneeId ? (agentNames[ticket.assigneeId] ?? ticket.assigneeName ?? ticket.assigneeId) : 'Unassigned';
  const customer = ticket.customerName || 'Unknown customer';
  return html`
    <tr class=${[open ? 'open' : '', current ? 'current' : ''].join(' ')} aria-current=${open ? 'true' : null}>
      ${selectable && html`<td><input type="checkbox" checked=${selected} aria-label=${`Select ticket ${ticket.number}`}
        onClick=${(e) => onSelect(e.shiftKey)} /></td>`}
      <td>${ticket.number}</td>
      <td>${customer}</td>
      <td><a href=${`#/ticket/${encodeURIComponent(ticket.ticketId)}`} onClick=${(e) => { e.preventDefault(); onOpen(); }}
             class="subject">${ticket.subject || '(no subject)'}</a>
        ${ticket.labels?.length > 0 && html` <span class="labels">${ticket.labels.map((l) => html`<span class="label">${l}</span>`)}</span>`}
      </td>
      <td><span aria-hidden="true">${ch.icon}</span> ${ch.name}</td>
      <td><${SentimentChip} sentiment=${ticket.sentiment} /></td>
      <td>${ticket.customStatus ?? ticket.status}</td>
      <td>${assignee}</td>
      <td><${SlaDue} at=${ticket.slaDueAt} /></td>
      <td><time datetime=${ticket.lastInteractionAt} title=${exactTime(ticket.lastInteractionAt)}>
        ${relativeTime(ticket.lastInteractionAt)}</time></td>
    </tr>`;
}

/**
 * When the ticket's next SLA target falls due (C-LIST), marked "Breached" in red once past, so the state does not rest
 * on colour alone; a dash while the clock is paused or no policy applies.
 */
function SlaDue({ at }) {
  if (!at) return html`<span class="muted" title="No SLA target running">—</span>`;
  const breached = new Date(at).getTime() <= Date.now();
  return html`<time datetime=${at} title=${exactTime(at)} class=${breached ? 'sla-breached' : null}>
    ${breached ? `Breached ${relativeTime(at)}` : relativeTime(at)}</time>`;
}

/** Saves the view with its filters under a name of the agent's choosing (R-ASSIGN-7 saved views). */
function SaveView({ view, filters, onSaved }) {
  const report = useReport();
  const [name, setName] = useState('');
  const save = async (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(['status', 'sentiment', 'channel', 'team', 'label']
      .filter((f) => filters[f]).map((f) => [f, [filters[f]]]));
    const viewId = name.trim().toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'view';
    try {
      await api.saveView(viewId, { name: name.trim(), view, filters: chosen });
      setName('');
      onSaved(viewId);
    } catch (e) {
      report(e, () => save(event));
    }
  };
  return html`
    <form class="save-view" onSubmit=${save}>
      <label>Save this view as <input required maxlength="60" value=${name} onInput=${(e) => setName(e.currentTarget.value)} /></label>
      <button type="submit">Save view</button>
    </form>`;
}

/** Deletes the saved view after a second, explicit click. */
function DeleteView({ savedView, onDeleted }) {
  const report = useReport();
  const remove = async () => {
    try {
      await api.deleteView(savedView.viewId);
      onDeleted();
    } catch (e) {
      report(e, remove);
    }
  };
  return html`<${ConfirmButton} label="Delete this view…" question=${`Delete "${savedView.name}"?`}
    confirmLabel="Delete view" onConfirm=${remove} />`;
}
