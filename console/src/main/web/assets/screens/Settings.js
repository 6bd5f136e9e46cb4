import { html, useEffect, useState } from '../lib.js';
import { api } from '../api.js';
import { useReport } from '../components/Banner.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { PRIORITIES, SENTIMENTS, STATUSES, exactTime, relativeTime } from '../format.js';

const ROLES = ['owner', 'admin', 'manager', 'support', 'analyst'];
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const csv = (text) => text.split(',').map((s) => s.trim()).filter(Boolean);

/**
 * C-ADMIN: the workspace's settings for owners and admins (agents, assignment, office hours, SLA policies, custom
 * statuses) and
 * for managers (teams). Each section reads its resource and saves it whole; the server's message says what it refused.
 */
export function Settings({ can, agents, onAgentsChanged }) {
  return html`
    <section class="settings" aria-labelledby="settings-title">
      <h2 id="settings-title">Settings</h2>
      ${can('administer') && html`<${Agents} agents=${agents} onChanged=${onAgentsChanged} />`}
      ${can('manage_teams') && html`<${Teams} agents=${agents} />`}
      ${can('administer') && html`<${Assignment} />`}
      ${can('administer') && html`<${OfficeHours} />`}
      ${can('administer') && html`<${SlaPolicies} />`}
      ${can('administer') && html`<${CustomStatuses} />`}
    </section>`;
}

/** Loads a settings resource; {@code saved} shows "Saved" after a successful write. */
function useResource(load) {
  const report = useReport();
  const [value, setValue] = useState(null);
  const [saved, setSaved] = useState(false);
  const read = () => load().then(setValue).catch((e) => report(e, read));
  useEffect(() => { read(); }, []);
  const save = async (write) => {
    setSaved(false);
    try {
      await write();
      setSaved(true);
      await read();
    } catch (e) {
      report(e, () => save(write));
    }
  };
  return { value, setValue, save, saved };
}

function Agents({ agents, onChanged }) {
  const report = useReport();
  const blank = { agentId: '', name: '', email: '', role: 'support', seniority: '' };
  const [form, setForm] = useState(blank);
  // Membership lives on the team (routing reads it there); the list shows it per agent.
  const [teams, setTeams] = useState([]);
  useEffect(() => { api.teams().then((body) => setTeams(body.items)).catch(() => setTeams([])); }, [agents]);
  const teamsOf = (agentId) => teams.filter((t) => t.members.includes(agentId)).map((t) => t.name).join(', ');
  const [saved, setSaved] = useState(null);
  const set = (field) => (e) => setForm({ ...form, [field]: e.currentTarget.value });
  const submit = async (event) => {
    event.preventDefault();
    setSaved(null);
    try {
      // No teams: membership is edited on the team, and a list read earlier must not undo someone else's change.
      await api.registerAgent(form.agentId.trim(), { name: form.name, email: form.email || null, role: form.role,
        seniority: form.seniority.trim() || null });
      setSaved(`Saved ${form.name}`);
      setForm(blank);
      onChanged();
    } catch (e) {
      report(e, () => submit(event));
    }
  };
  return html`
    <section aria-labelledby="agents-title">
      <h3 id="agents-title">Agents</h3>
      <table>
        <caption class="visually-hidden">Registered agents</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Seniority</th>
          <th scope="col">Teams</th><th scope="col">Presence</th><th scope="col">Last seen</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>
          ${agents.map((a) => html`<tr key=${a.agentId}><td>${a.name}</td><td>${a.email}</td><td>${a.role}</td>
            <td>${a.seniority ?? ''}</td><td>${teamsOf(a.agentId)}</td>
            <td>${a.online ? 'Online' : 'Offline'}</td>
            <td>${a.lastSeenAt ? html`<time datetime=${a.lastSeenAt} title=${exactTime(a.lastSeenAt)}>${relativeTime(a.lastSeenAt)}</time>` : 'never'}</td>
            <td><button type="button" onClick=${() => setForm({ agentId: a.agentId, name: a.name, email: a.email ?? '', role: a.role,
              seniority: a.seniority ?? '' })}
              aria-label=${`Edit ${a.name}`}>Edit</button></td></tr>`)}
        </tbody>
      </table>
      <form class="settings-form" onSubmit=${submit} aria-label="Add or edit an agent">
        <label>Agent id (the sign-in subject) <input required value=${form.agentId} onInput=${set('agentId')} /></label>
        <label>Name <input required value=${form.name} onInput=${set('name')} /></label>
        <label>Email <input type="email" value=${form.email} onInput=${set('email')} /></label>
        <label>Role <select value=${form.role} onChange=${set('role')}>
          ${ROLES.map((r) => html`<option value=${r}>${r}</option>`)}</select></label>
        <label>Seniority <input list="seniorities" value=${form.seniority} onInput=${set('seniority')} placeholder="e.g. junior, senior" /></label>
        <datalist id="seniorities"><option value="junior"></option><option value="senior"></option><option value="lead"></option></datalist>
        <button type="submit">Save agent</button>
        ${saved && html`<span role="status">${saved}</span>`}
      </form>
    </section>`;
}

function Teams({ agents }) {
  const { value: teams, save, saved } = useResource(() => api.teams().then((body) => body.items));
  const empty = { teamId: '', name: '', members: [], sentiments: [], labels: '', segments: '', order: 100 };
  const [form, setForm] = useState(empty);
  const names = Object.fromEntries(agents.map((a) => [a.agentId, a.name]));
  const toggle = (field, value) => setForm({ ...form,
    [field]: form[field].includes(value) ? form[field].filter((v) => v !== value) : [...form[field], value] });
  const submit = (event) => {
    event.preventDefault();
    save(() => api.saveTeam(form.teamId.trim(), { name: form.name, members: form.members, order: Number(form.order),
      rules: { sentiments: form.sentiments, labels: csv(form.labels), segments: csv(form.segments) } }))
      .then(() => setForm(empty));
  };
  const edit = (t) => setForm({ teamId: t.teamId, name: t.name, members: t.members, sentiments: t.rules.sentiments,
    labels: t.rules.labels.join(', '), segments: t.rules.segments.join(', '), order: t.order });
  return html`
    <section aria-labelledby="teams-title">
      <h3 id="teams-title">Teams</h3>
      <p class="muted">Routing tries teams in order; a ticket goes to the first whose rule matches its labels, the
        customer's segments or its sentiment.</p>
      ${teams === null ? html`<p role="status">Loading teams…</p>` : html`
        <ul class="teams">
          ${teams.map((t) => html`<li key=${t.teamId}>
            <strong>${t.name}</strong> <span class="muted">order ${t.order}</span>
            <span> · members: ${t.members.map((m) => names[m] ?? m).join(', ') || 'none'}</span>
            <span> · rule: ${[...t.rules.sentiments, ...t.rules.labels, ...t.rules.segments].join(', ') || 'none'}</span>
            <button type="button" onClick=${() => edit(t)} aria-label=${`Edit team ${t.name}`}>Edit</button>
            <${ConfirmButton} label="Delete" ariaLabel=${`Delete team ${t.name}`} confirmLabel=${`Confirm delete of ${t.name}`}
              onConfirm=${() => save(() => api.deleteTeam(t.teamId))} />
          </li>`)}
        </ul>`}
      <form class="settings-form" onSubmit=${submit} aria-label="Add or edit a team">
        <label>Team id <input required pattern="[A-Za-z0-9_-]+" value=${form.teamId}
          onInput=${(e) => setForm({ ...form, teamId: e.currentTarget.value })} /></label>
        <label>Team name <input required value=${form.name} onInput=${(e) => setForm({ ...form, name: e.currentTarget.value })} /></label>
        <fieldset><legend>Members</legend>
          ${agents.filter((a) => a.role !== 'analyst').map((a) => html`<label key=${a.agentId}>
            <input type="checkbox" checked=${form.members.includes(a.agentId)} onChange=${() => toggle('members', a.agentId)} /> ${a.name}</label>`)}
        </fieldset>
        <fieldset><legend>Sentiments routed here</legend>
          ${SENTIMENTS.map((s) => html`<label key=${s}>
            <input type="checkbox" checked=${form.sentiments.includes(s)} onChange=${() => toggle('sentiments', s)} /> ${s}</label>`)}
        </fieldset>
        <label>AI labels (comma-separated) <input value=${form.labels} onInput=${(e) => setForm({ ...form, labels: e.currentTarget.value })} /></label>
        <label>Customer segments (comma-separated) <input value=${form.segments} onInput=${(e) => setForm({ ...form, segments: e.currentTarget.value })} /></label>
        <label>Order <input type="number" min="0" value=${form.order} onInput=${(e) => setForm({ ...form, order: e.currentTarget.value })} /></label>
        <button type="submit">Save team</button>
        ${saved && html`<span role="status">Teams saved</span>`}
      </form>
    </section>`;
}

function Assignment() {
  const { value, setValue, save, saved } = useResource(api.assignment);
  if (!value) return html`<section aria-label="Assignment"><p role="status">Loading assignment…</p></section>`;
  const number = (field) => (e) => setValue({ ...value, [field]: e.currentTarget.value === '' ? null : Number(e.currentTarget.value) });
  return html`
    <section aria-labelledby="assignment-title">
      <h3 id="assignment-title">Assignment</h3>
      <form class="settings-form" onSubmit=${(e) => { e.preventDefault(); save(() => api.saveAssignment(value)); }}>
        <label><input type="checkbox" checked=${value.roundRobin}
          onChange=${(e) => setValue({ ...value, roundRobin: e.currentTarget.checked })} /> Round robin</label>
        <label>Capacity (active tickets per agent, empty: no limit)
          <input type="number" min="1" value=${value.capacity ?? ''} onInput=${number('capacity')} /></label>
        <label><input type="checkbox" checked=${value.returnOnOffline}
          onChange=${(e) => setValue({ ...value, returnOnOffline: e.currentTarget.checked })} /> Return unanswered tickets when an agent goes Offline</label>
        <label>Reassign after minutes without a reply (empty: never)
          <input type="number" min="1" value=${value.reassignAfterMinutes ?? ''} onInput=${number('reassignAfterMinutes')} /></label>
        <button type="submit">Save assignment</button>
        ${saved && html`<span role="status">Assignment saved</span>`}
      </form>
    </section>`;
}

/** Office hours as agents think of them: "09:00-17:00, 18:00-20:00" per day, edited as text and parsed on save. */
function OfficeHours() {
  const { value, save, saved } = useResource(api.officeHours);
  const [text, setText] = useState(null);
  useEffect(() => {
    if (!value) return;
    setText({
      timeZone: value.timeZone,
      holidays: value.holidays.join(', '),
      ...Object.fromEntries(DAYS.map((day) => [day, (value.weekly[day] ?? []).map(([from, to]) => `${from}-${to}`).join(', ')])),
    });
  }, [value]);
  if (!text) return html`<section aria-label="Office hours"><p role="status">Loading office hours…</p></section>`;
  const submit = (event) => {
    event.preventDefault();
    const weekly = Object.fromEntries(DAYS.map((day) => [day, csv(text[day]).map((p) => p.split('-').map((t) => t.trim()))])
      .filter(([, periods]) => periods.length > 0));
    save(() => api.saveOfficeHours({ timeZone: text.timeZone.trim(), weekly, holidays: csv(text.holidays) }));
  };
  const field = (name) => (e) => setText({ ...text, [name]: e.currentTarget.value });
  return html`
    <section aria-labelledby="hours-title">
      <h3 id="hours-title">Office hours</h3>
      <form class="settings-form" onSubmit=${submit}>
        <label>Time zone <input required value=${text.timeZone} onInput=${field('timeZone')} /></label>
        ${DAYS.map((day) => html`<label key=${day}>${day} <input value=${text[day]} placeholder="closed" onInput=${field(day)} /></label>`)}
        <label>Holidays (YYYY-MM-DD, comma-separated) <input value=${text.holidays} onInput=${field('holidays')} /></label>
        <button type="submit">Save office hours</button>
        ${saved && html`<span role="status">Office hours saved</span>`}
      </form>
    </section>`;
}

/** R-STATUS-4: targets per priority in minutes of the brand's time (the clock pauses while the customer is awaited). */
function SlaPolicies() {
  const { value, setValue, save, saved } = useResource(api.slaPolicies);
  if (!value) return html`<section aria-label="SLA policies"><p role="status">Loading SLA policies…</p></section>`;
  const FIELDS = [['firstResponseMinutes', 'First response'], ['resolutionMinutes', 'Resolution'], ['warningMinutes', 'Warn before']];
  const set = (priority, field) => (e) => {
    const minutes = e.currentTarget.value === '' ? null : Number(e.currentTarget.value);
    const policy = { ...(value.policies[priority] ?? {}), [field]: minutes };
    const policies = { ...value.policies, [priority]: policy };
    // A priority with no target at all has no policy.
    if (FIELDS.every(([f]) => policy[f] === null || policy[f] === undefined)) delete policies[priority];
    setValue({ policies });
  };
  return html`
    <section aria-labelledby="sla-title">
      <h3 id="sla-title">SLA policies</h3>
      <p class="muted">Minutes while the ticket waits on an agent; empty: no target. Breaches show in red on the list.</p>
      <form class="settings-form" onSubmit=${(e) => { e.preventDefault(); save(() => api.saveSlaPolicies(value)); }}>
        <table>
          <caption class="visually-hidden">SLA targets per priority, in minutes</caption>
          <thead><tr><th scope="col">Priority</th>${FIELDS.map(([, label]) => html`<th scope="col">${label} (min)</th>`)}</tr></thead>
          <tbody>
            ${PRIORITIES.map(([priority, name]) => html`<tr key=${priority}><th scope="row">${name}</th>
              ${FIELDS.map(([field, label]) => html`<td><input type="number" min="1" aria-label=${`${name}: ${label} in minutes`}
                value=${value.policies[priority]?.[field] ?? ''} onInput=${set(priority, field)} /></td>`)}</tr>`)}
          </tbody>
        </table>
        <button type="submit">Save SLA policies</button>
        ${saved && html`<span role="status">SLA policies saved</span>`}
      </form>
    </section>`;
}

function CustomStatuses() {
  const { value, setValue, save, saved } = useResource(api.customStatuses);
  if (!value) return html`<section aria-label="Custom statuses"><p role="status">Loading statuses…</p></section>`;
  const rows = value.statuses;
  const setRow = (i, field, v) => setValue({ statuses: rows.map((r, j) => (j === i ? { ...r, [field]: v } : r)) });
  return html`
    <section aria-labelledby="statuses-title">
      <h3 id="statuses-title">Custom statuses</h3>
      <form class="settings-form" onSubmit=${(e) => { e.preventDefault(); save(() => api.saveCustomStatuses(value)); }}>
        ${rows.map((r, i) => html`<div class="row" key=${i}>
          <label>Status name <input required value=${r.name} onInput=${(e) => setRow(i, 'name', e.currentTarget.value)} /></label>
          <label>Behaves as <select value=${r.base} onChange=${(e) => setRow(i, 'base', e.currentTarget.value)}>
            ${STATUSES.filter((s) => ['Open', 'Postponed', 'Resolved'].includes(s)).map((s) => html`<option value=${s}>${s}</option>`)}
          </select></label>
          <button type="button" onClick=${() => setValue({ statuses: rows.filter((_, j) => j !== i) })}
            aria-label=${`Remove ${r.name || 'this status'}`}>Remove</button></div>`)}
        <button type="button" onClick=${() => setValue({ statuses: [...rows, { name: '', base: 'Open' }] })}>Add a status</button>
        <button type="submit">Save statuses</button>
        ${saved && html`<span role="status">Statuses saved</span>`}
      </form>
    </section>`;
}
