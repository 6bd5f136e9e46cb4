import { html, useState } from '../lib.js';
import { api } from '../api.js';
import { useReport } from './Banner.js';

/**
 * C-ASSIGN: assigns the selected tickets at once. Each ticket answers for itself: tickets someone else holds are
 * refused unless taken over, so they stay selected and the bar offers "Take over" for just those.
 */
export function BulkBar({ ticketIds, agents, onDone }) {
  const report = useReport();
  const [assignee, setAssignee] = useState('');
  const [held, setHeld] = useState(0);
  const [busy, setBusy] = useState(false);
  const ordered = [...agents].filter((a) => a.role !== 'analyst')
    .sort((a, b) => (b.online - a.online) || a.name.localeCompare(b.name));

  const assign = async (reassign) => {
    setBusy(true);
    try {
      const { items } = await api.assignMany(ticketIds, assignee || null, reassign);
      const refused = items.filter((item) => item.result !== 'assigned');
      const heldByOthers = refused.filter((item) => item.heldBy);
      setHeld(heldByOthers.length);
      onDone({
        assigned: items.length - refused.length,
        refused: refused.map((item) => item.reason),
        remaining: heldByOthers.map((item) => item.ticketId),
      });
    } catch (e) {
      report(e, () => assign(reassign));
    } finally {
      setBusy(false);
    }
  };

  return html`
    <form class="bulk" role="group" aria-label="Bulk actions" onSubmit=${(e) => { e.preventDefault(); assign(false); }}>
      <span>${ticketIds.length} selected</span>
      <label>Assign to <select value=${assignee} onChange=${(e) => { setAssignee(e.currentTarget.value); setHeld(0); }}>
        <option value="">No assignee</option>
        ${ordered.map((a) => html`<option value=${a.agentId}>${a.name}${a.online ? ' (online)' : ''}</option>`)}
      </select></label>
      <button type="submit" disabled=${busy}>Assign selected</button>
      ${held > 0 && html`<button type="button" disabled=${busy} onClick=${() => assign(true)}>Take over ${held}</button>`}
    </form>`;
}
