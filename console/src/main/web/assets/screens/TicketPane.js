import { html, useEffect, useState } from '../lib.js';
import { api } from '../api.js';
import { Notice, useReport } from '../components/Banner.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { SentimentChip } from '../components/SentimentChip.js';
import { channel, exactTime, PRIORITIES, relativeTime, toLocalInput } from '../format.js';

/** C-LIVE: the open ticket refreshes this often while the tab is visible. */
export const TICKET_REFRESH_MS = 10000;
/** Long threads show their newest messages first and page back on request, so 2,000 messages stay quick. */
export const TRANSCRIPT_PAGE = 100;

/** The ticket pane (C-TICKET): header with status, priority and assignee, the transcript with notes, the composer. */
export function TicketPane({ ticketId, me, agents, agentNames, canAssign, canPurge, onPurged, onChanged, onClose, composerRef }) {
  const report = useReport();
  const [ticket, setTicket] = useState(null);
  const [notice, setNotice] = useState(null);
  const [missing, setMissing] = useState(false);

  const load = async () => {
    try {
      setTicket(await api.ticket(ticketId));
      setMissing(false);
    } catch (e) {
      if (e.status === 404) setMissing(true);
      else report(e, load);
    }
  };

  useEffect(() => {
    setTicket(null);
    setNotice(null);
    load();
    const timer = setInterval(() => {
      if (!document.hidden) api.ticket(ticketId).then(setTicket).catch(() => {});
    }, TICKET_REFRESH_MS);
    return () => clearInterval(timer);
  }, [ticketId]);

  /** Runs a write; a 409 reloads the ticket and says why, other failures go to the banner with Retry. */
  const act = async (description, write) => {
    setNotice(null);
    try {
      await write();
      await load();
      onChanged();
      return true;
    } catch (e) {
      if (e.status === 409) {
        if (e.body?.ticket) setTicket((previous) => ({ ...previous, ...e.body.ticket }));
        await load();
        setNotice(e.code === 'ticket_changed'
          ? 'This ticket changed while you were looking at it (another agent or the routing). It has been reloaded: check it and try again.'
          : `${e.message} The ticket has been reloaded.`);
      } else {
        report(e, () => act(description, write));
      }
      return false;
    }
  };

  if (missing) {
    return html`<section class="pane" aria-label="Ticket"><p>This ticket no longer exists.</p>
      <button type="button" onClick=${onClose}>Close</button></section>`;
  }
  if (!ticket) return html`<section class="pane" aria-label="Ticket"><p role="status">Loading ticket…</p></section>`;

  const canAct = ticket.canAct !== false;
  return html`
    <section class="pane" aria-labelledby="ticket-title">
      <header class="pane-head">
        <h2 id="ticket-title">#${ticket.number} ${ticket.subject || '(no subject)'}</h2>
        <button type="button" class="quiet" onClick=${onClose} aria-label="Close the ticket">×</button>
      </header>
      <${Notice} text=${notice} />
      <div class="facts">
        <span>Status: <strong>${ticket.customStatus ?? ticket.status}</strong></span>
        <${SentimentChip} sentiment=${ticket.sentiment} reason=${ticket.classification?.reason} />
        ${canAct ? html`
          <label>Priority <select value=${ticket.priority}
              onChange=${(e) => { const value = e.currentTarget.value; act('priority', () => api.priority(ticket, value)); }}>
            ${PRIORITIES.map(([value, name]) => html`<option value=${value}>${name}</option>`)}
          </select></label>` : html`<span>Priority: ${ticket.priority}</span>`}
        ${canAssign ? html`<${AssigneeMenu} ticket=${ticket} agents=${agents} act=${act} agentNames=${agentNames} />`
          : html`<span>Assignee: ${ticket.assigneeId ? agentNames[ticket.assigneeId] ?? ticket.assigneeId : 'Unassigned'}</span>`}
      </div>
      ${canAct && html`<${StatusActions} ticket=${ticket} me=${me} act=${act} />`}
      ${canPurge && html`<${Purge} ticket=${ticket} onPurged=${onPurged} />`}
      <${Transcript} ticket=${ticket} agentNames=${agentNames} />
      <${Timeline} entries=${ticket.timeline ?? []} agentNames=${agentNames} />
      ${canAct && html`<${Composer} ticket=${ticket} act=${act} composerRef=${composerRef} />`}
    </section>`;
}

function AssigneeMenu({ ticket, agents, act, agentNames }) {
  const [heldBy, setHeldBy] = useState(null);
  // Online agents first (C-ASSIGN), then the rest, each group by name.
  const ordered = [...agents].filter((a) => a.role !== 'analyst')
    .sort((a, b) => (b.online - a.online) || a.name.localeCompare(b.name));

  const assign = async (assigneeId, reassign = false) => {
    setHeldBy(null);
    try {
      await api.assign(ticket, assigneeId, reassign);
      await act('assign', async () => {});
    } catch (e) {
      if (e.status === 409 && e.code === 'conflict' && e.body?.ticket?.assigneeId && !reassign) {
        setHeldBy({ assigneeId, holder: e.body.ticket.assigneeId });
      } else {
        await act('assign', () => Promise.reject(e));
      }
    }
  };

  return html`
    <span class="assignee">
      <label>Assignee <select value=${ticket.assigneeId ?? ''}
          onChange=${(e) => assign(e.currentTarget.value || null)}>
        <option value="">No assignee</option>
        ${ordered.map((a) => html`<option value=${a.agentId}>${a.name}${a.online ? ' (online)' : ''}</option>`)}
      </select></label>
      ${heldBy && html`
        <span role="alert" class="held">Held by ${agentNames[heldBy.holder] ?? heldBy.holder} — take over?
          <button type="button" onClick=${() => assign(heldBy.assigneeId, true)}>Take over</button>
          <button type="button" class="quiet" onClick=${() => setHeldBy(null)}>Cancel</button></span>`}
    </span>`;
}

/** The workspace's custom statuses (R-STATUS-3), read once per page: each is set as its base status plus its name. */
let customStatuses = null;
function useCustomStatuses() {
  const [statuses, setStatuses] = useState(customStatuses ?? []);
  useEffect(() => {
    if (customStatuses) return;
    api.customStatuses().then((body) => { customStatuses = body.statuses; setStatuses(body.statuses); }).catch(() => {});
  }, []);
  return statuses;
}

function StatusActions({ ticket, me, act }) {
  const custom = useCustomStatuses();
  // Postponed ones need a date, so they are offered in the postpone form; the others are set at once.
  const settable = custom.filter((c) => c.base !== 'Postponed');
  const postponedAs = custom.filter((c) => c.base === 'Postponed');
  const [postponeAs, setPostponeAs] = useState('');
  const [postponing, setPostponing] = useState(false);
  const [until, setUntil] = useState('');
  const status = ticket.status;
  const closed = status === 'Resolved';
  const binned = status === 'Spam' || status === 'Deleted';
  const set = (change) => act('status', () => api.setStatus(ticket, change));

  const postpone = (event) => {
    event.preventDefault();
    const at = new Date(until);
    if (Number.isNaN(at.getTime()) || at.getTime() <= Date.now()) return;
    set({ status: 'Postponed', until: at.toISOString(), ...(postponeAs ? { customStatus: postponeAs } : {}) })
      .then((ok) => ok && setPostponing(false));
  };
  const soonest = toLocalInput(new Date(Date.now() + 60000));

  return html`
    <div class="actions" role="group" aria-label="Status">
      ${!closed && !binned && html`<button type="button" onClick=${() => set({ status: 'Resolved' })}>Resolve</button>`}
      ${(closed || status === 'Postponed') && html`<button type="button" onClick=${() => set({ status: 'Open' })}>Reopen</button>`}
      ${!binned && html`<button type="button" aria-expanded=${postponing ? 'true' : 'false'}
          onClick=${() => setPostponing(!postponing)}>Postpone…</button>`}
      ${!binned && html`<button type="button" onClick=${() => set({ status: 'Spam' })}>Spam</button>`}
      ${!binned && html`<button type="button" onClick=${() => set({ status: 'Deleted' })}>Delete</button>`}
      ${binned && html`<button type="button" onClick=${() => set({ restore: true })}>Restore</button>`}
      ${!binned && settable.length > 0 && html`<label>Custom status <select value=""
          onChange=${(e) => {
            const chosen = settable.find((c) => c.name === e.currentTarget.value);
            if (chosen) set({ status: chosen.base, customStatus: chosen.name });
          }}>
        <option value="">Choose…</option>
        ${settable.map((c) => html`<option value=${c.name}>${c.name} (${c.base})</option>`)}
      </select></label>`}
      ${postponing && html`
        <form class="postpone" onSubmit=${postpone}>
          <label>Postpone until <input type="datetime-local" required min=${soonest} value=${until}
            onInput=${(e) => setUntil(e.currentTarget.value)} /></label>
          ${postponedAs.length > 0 && html`<label>Show as <select value=${postponeAs} onChange=${(e) => setPostponeAs(e.currentTarget.value)}>
            <option value="">Postponed</option>
            ${postponedAs.map((c) => html`<option value=${c.name}>${c.name}</option>`)}
          </select></label>`}
          <button type="submit">Postpone</button>
        </form>`}
    </div>`;
}

/** Purge (owner, admin): gone for good, so it asks first. */
function Purge({ ticket, onPurged }) {
  const report = useReport();
  const purge = async () => {
    try {
      await api.purge(ticket);
      onPurged();
    } catch (e) {
      report(e, purge);
    }
  };
  return html`<div class="actions" role="group" aria-label="Purge">
    <${ConfirmButton} label="Purge…" question=${`Purge #${ticket.number} and everything in it for good?`}
      confirmLabel="Purge for good" onConfirm=${purge} />
  </div>`;
}

function authorName(message, agentNames) {
  if (message.kind === 'customer') return 'Customer';
  return agentNames[message.authorId] ?? message.authorId ?? 'Agent';
}

/** Customer and agent messages with the internal notes among them, oldest first; long threads page backwards. */
function Transcript({ ticket, agentNames }) {
  const [shown, setShown] = useState(TRANSCRIPT_PAGE);
  useEffect(() => setShown(TRANSCRIPT_PAGE), [ticket.ticketId]);
  const entries = [...(ticket.messages ?? []), ...(ticket.notes ?? [])]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const hidden = Math.max(0, entries.length - shown);
  const visible = entries.slice(hidden);
  return html`
    <section class="transcript" aria-label="Conversation">
      ${hidden > 0 && html`<button type="button" class="load-more" onClick=${() => setShown(shown + TRANSCRIPT_PAGE)}>
        Show ${Math.min(TRANSCRIPT_PAGE, hidden)} earlier messages (${hidden} hidden)</button>`}
      <ol>
        ${visible.map((m) => {
          const ch = channel(m.channel);
          const note = m.kind === 'note';
          return html`
            <li key=${m.messageId} class=${`message ${m.kind}`}>
              <article aria-label=${note ? 'Internal note' : `Message from ${authorName(m, agentNames)}`}>
                <header>
                  <strong>${note ? `Internal note · ${authorName(m, agentNames)}` : authorName(m, agentNames)}</strong>
                  ${!note && m.channel && html` <span class="muted">via ${ch.name}</span>`}
                  <time class="muted" datetime=${m.createdAt} title=${exactTime(m.createdAt)}>${relativeTime(m.createdAt)}</time>
                </header>
                <p class="text">${m.text}</p>
              </article>
            </li>`;
        })}
      </ol>
    </section>`;
}

function Timeline({ entries, agentNames }) {
  if (entries.length === 0) return null;
  return html`
    <details class="timeline">
      <summary>Timeline (${entries.length})</summary>
      <ol>
        ${entries.map((e, i) => html`
          <li key=${i}><time datetime=${e.at} title=${exactTime(e.at)}>${relativeTime(e.at)}</time>
            ${' '}${agentNames[e.actor] ?? e.actor}: ${e.type}</li>`)}
      </ol>
    </details>`;
}

/** Reply or internal note. Nothing typed is lost: on a failed send the text stays, with the error. */
function Composer({ ticket, act, composerRef }) {
  const [mode, setMode] = useState('reply');
  const [drafts, setDrafts] = useState({ reply: '', note: '' });
  const [sending, setSending] = useState(false);
  const [error, setError] = useState(null);
  const text = drafts[mode];

  const send = async (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    setError(null);
    const sent = mode;
    const ok = await act(sent, () => (sent === 'reply' ? api.reply(ticket, text) : api.note(ticket, text)))
      .catch((e) => { setError(e.message); return false; });
    setSending(false);
    if (ok) setDrafts((d) => ({ ...d, [sent]: '' }));
    else setError((previous) => previous ?? 'Not sent. Your text is kept; try again.');
  };

  const tab = (id, name) => html`
    <button type="button" role="tab" id=${`tab-${id}`} aria-selected=${mode === id ? 'true' : 'false'}
            aria-controls="composer-panel" tabindex=${mode === id ? 0 : -1} onClick=${() => setMode(id)}>${name}</button>`;
  return html`
    <form class="composer" onSubmit=${send}>
      <div role="tablist" aria-label="Compose">${tab('reply', 'Reply')}${tab('note', 'Note')}</div>
      <div id="composer-panel" role="tabpanel" aria-labelledby=${`tab-${mode}`}>
        <label for="composer-text" class="visually-hidden">${mode === 'reply' ? 'Reply to the customer' : 'Internal note'}</label>
        <textarea id="composer-text" ref=${composerRef} rows="4" value=${text}
          placeholder=${mode === 'reply' ? 'Reply to the customer…' : 'Internal note, only agents see it…'}
          onInput=${(e) => { const value = e.currentTarget.value; setDrafts((d) => ({ ...d, [mode]: value })); }}></textarea>
        ${error && html`<p class="error" role="alert">${error}</p>`}
        <button type="submit" disabled=${sending || !text.trim()}>
          ${sending ? 'Sending…' : mode === 'reply' ? 'Send reply' : 'Add note'}</button>
      </div>
    </form>`;
}
