import { html, useEffect, useRef, useState } from '../lib.js';
import { api } from '../api.js';
import { Availability } from '../components/Availability.js';
import { Banner, ReportContext } from '../components/Banner.js';
import { CustomerHistory } from './CustomerHistory.js';
import { TicketList, VIEW_REFRESH_MS, VIEWS } from './TicketList.js';
import { TicketPane } from './TicketPane.js';
import { Settings } from './Settings.js';
import { SearchResults } from './SearchResults.js';

/** Where the agent is, kept in the address (#/mine, #/all/ticket/{id}) so Back and reload keep their place. */
function readLocation() {
  const parts = window.location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (parts[0] === 'search' && parts[1]) {
    // #/search/{query}[/ticket/{id}]
    return { view: 'search', query: parts[1], ticketId: parts[2] === 'ticket' && parts[3] ? parts[3] : null };
  }
  if (parts[0] === 'saved' && parts[1]) {
    // #/saved/{viewId}[/ticket/{id}]
    return { view: 'saved', savedViewId: parts[1], ticketId: parts[2] === 'ticket' && parts[3] ? parts[3] : null };
  }
  const view = VIEWS.some((v) => v.id === parts[0]) || parts[0] === 'settings' ? parts[0] : 'mine';
  const ticketId = parts[1] === 'ticket' && parts[2] ? parts[2] : null;
  return { view, ticketId };
}

function writeLocation({ view, savedViewId, query, ticketId }) {
  const where = view === 'saved' ? `saved/${encodeURIComponent(savedViewId)}`
    : view === 'search' ? `search/${encodeURIComponent(query)}` : view;
  const hash = `#/${where}${ticketId ? `/ticket/${encodeURIComponent(ticketId)}` : ''}`;
  if (window.location.hash !== hash) window.location.hash = hash;
}

const inTextField = (element) => element && (element.isContentEditable
  || ['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName));

/** The signed-in page: top bar, the views rail, the list, the open ticket and its customer's history. */
export function Workspace({ me, onMeChange, onSignOut }) {
  const [where, setWhere] = useState(readLocation);
  const [agents, setAgents] = useState([]);
  const [problem, setProblem] = useState(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const [openTicket, setOpenTicket] = useState(null);
  const [help, setHelp] = useState(false);
  const composerRef = useRef(null);
  const report = (error, retry) => setProblem({ message: error.message ?? String(error), retry });

  useEffect(() => {
    const onHash = () => setWhere(readLocation());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => writeLocation(where), [where]);

  const [teams, setTeams] = useState([]);
  const [savedViews, setSavedViews] = useState([]);
  const loadSavedViews = () => api.savedViews().then((body) => setSavedViews(body.items)).catch((e) => report(e, loadSavedViews));
  useEffect(() => {
    loadSavedViews();
    api.teams().then((body) => setTeams(body.items)).catch(() => {
      // Without teams the Team filter offers only "Any"; everything else works.
    });
  }, []);
  // C-VIEWS: each view with its count, refreshed with the list (15 s, paused while the tab is hidden).
  // Saved views are counted by reading a page of each, so only every fourth refresh (once a minute) asks for them.
  const [counts, setCounts] = useState(null);
  const [savedCounts, setSavedCounts] = useState({});
  useEffect(() => {
    let tick = 0;
    const load = () => {
      const withSaved = tick++ % 4 === 0;
      api.counts(withSaved).then((body) => {
        setCounts(body);
        if (withSaved) setSavedCounts(body.saved ?? {});
      }).catch(() => {
        // Counts are a hint; the rail works without them and the next refresh tries again.
      });
    };
    load();
    const timer = setInterval(() => { if (!document.hidden) load(); }, VIEW_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refreshKey, savedViews.length]);
  const countOf = (viewId) => {
    if (!counts || counts[viewId] === undefined) return null;
    return counts[viewId] >= counts.cap ? `${counts.cap}+` : String(counts[viewId]);
  };
  const savedCountOf = (viewId) => {
    const count = savedCounts[viewId];
    return count ? `${count.count}${count.exact ? '' : '+'}` : null;
  };
  const savedView = where.view === 'saved' ? savedViews.find((v) => v.viewId === where.savedViewId) : null;
  const loadAgents = () => api.agents().then((body) => setAgents(body.items)).catch((e) => report(e, loadAgents));
  useEffect(() => { loadAgents(); }, []);
  const agentNames = Object.fromEntries(agents.map((a) => [a.agentId, a.name]));
  // What the role may do comes from the API (GET /api/agents/me), so controls it would refuse are never shown.
  const can = (permission) => (me.permissions ?? []).includes(permission);

  // The customer of the open ticket, for the sidebar.
  useEffect(() => {
    setOpenTicket(null);
    if (where.ticketId) api.ticket(where.ticketId).then(setOpenTicket).catch(() => {});
  }, [where.ticketId]);

  // C-KEYS: single keys, only outside text fields, never Alt chords (AltGr types letters on Polish keyboards).
  useEffect(() => {
    const onKey = (event) => {
      if (event.altKey || event.ctrlKey || event.metaKey || inTextField(event.target)) return;
      const rows = [...document.querySelectorAll('.list tbody a.subject')];
      const at = rows.indexOf(document.activeElement);
      if (event.key === 'j' || event.key === 'k') {
        const next = Math.max(0, Math.min(rows.length - 1, at + (event.key === 'j' ? 1 : -1)));
        rows[at < 0 ? 0 : next]?.focus();
      } else if (event.key === 'r' || event.key === 'n') {
        if (!composerRef.current) return;
        const tab = document.getElementById(event.key === 'r' ? 'tab-reply' : 'tab-note');
        tab?.click();
        setTimeout(() => composerRef.current?.focus(), 0);
      } else if (event.key === 'e') {
        [...document.querySelectorAll('.actions button')].find((b) => b.textContent.trim() === 'Resolve')?.click();
      } else if (event.key === '/') {
        document.getElementById('search-box')?.focus();
      } else if (event.key === '?') {
        setHelp(!help);
      } else if (event.key === 'Escape' && where.ticketId) {
        setWhere({ ...where, ticketId: null });
      } else {
        return;
      }
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [where, help]);

  const signOut = async () => {
    try {
      await api.logout();
    } catch {
      // Signing out of the page goes on even if the server cannot record it; presence lapses by itself.
    }
    onSignOut();
  };

  return html`
    <${ReportContext.Provider} value=${report}>
      <div class="shell">
        <header class="topbar">
          <p class="brand">Helpdesk</p>
          <form role="search" class="search" onSubmit=${(e) => {
            e.preventDefault();
            const q = e.currentTarget.elements.q.value.trim();
            if (q) setWhere({ view: 'search', query: q, ticketId: null });
          }}>
            <label for="search-box" class="visually-hidden">Find a ticket or customer</label>
            <input id="search-box" name="q" type="search" maxlength="254" placeholder="Ticket #, email or phone" />
            <button type="submit">Search</button>
          </form>
          <div class="me">
            <${Availability} me=${me} onChange=${onMeChange} />
            <span><span class="agent-name">${me.name ?? me.agentId}</span> <span class="agent-role">${me.role}</span></span>
            <button type="button" onClick=${signOut}>Sign out</button>
          </div>
        </header>
        <${Banner} problem=${problem} onDismiss=${() => setProblem(null)} />
        <nav class="rail" aria-label="Views">
          <ul>
            ${VIEWS.map((v) => html`
              <li key=${v.id}><a href=${`#/${v.id}`} aria-current=${where.view === v.id ? 'page' : null}>${v.name}${
                countOf(v.id) !== null && html` <span class="count">(${countOf(v.id)})</span>`}</a></li>`)}
          </ul>
          ${savedViews.length > 0 && html`<h2 class="rail-title" id="saved-title">Saved views</h2>
            <ul aria-labelledby="saved-title">
              ${savedViews.map((v) => html`<li key=${v.viewId}><a href=${`#/saved/${encodeURIComponent(v.viewId)}`}
                aria-current=${where.view === 'saved' && where.savedViewId === v.viewId ? 'page' : null}>${v.name}${
                savedCountOf(v.viewId) !== null && html` <span class="count">(${savedCountOf(v.viewId)})</span>`}</a></li>`)}
            </ul>`}
          ${(can('administer') || can('manage_teams')) && html`<ul>
            <li><a href="#/settings" aria-current=${where.view === 'settings' ? 'page' : null}>Settings</a></li></ul>`}
          <p class="hint">Press ? for shortcuts</p>
        </nav>
        <main class=${where.ticketId ? 'work with-ticket' : 'work'}>
          ${where.view === 'settings' ? html`<${Settings} can=${can} agents=${agents} onAgentsChanged=${loadAgents} />` : html`
          ${where.view === 'search' ? html`<${SearchResults} query=${where.query} openTicketId=${where.ticketId}
            onOpen=${(ticketId) => setWhere({ ...where, ticketId })} />` : html`
          ${where.view === 'saved' && !savedView ? html`<p role="status" class="list">Loading the saved view…</p>` : html`
          <${TicketList} view=${where.view} savedView=${savedView} agents=${agents} agentNames=${agentNames} teams=${teams}
            canAssign=${can('assign')}
            onViewSaved=${(viewId) => loadSavedViews().then(() => setWhere({ view: 'saved', savedViewId: viewId, ticketId: null }))}
            onViewDeleted=${() => loadSavedViews().then(() => setWhere({ view: 'all', ticketId: null }))}
            openTicketId=${where.ticketId} refreshKey=${refreshKey}
            onOpen=${(ticketId) => setWhere({ ...where, ticketId })} />`}`}
          ${where.ticketId && html`
            <${TicketPane} key=${where.ticketId} ticketId=${where.ticketId} me=${me} agents=${agents} agentNames=${agentNames}
              canAssign=${can('assign')} canPurge=${can('purge')}
              onPurged=${() => { setRefreshKey(refreshKey + 1); setWhere({ ...where, ticketId: null }); }}
              composerRef=${composerRef}
              onChanged=${() => setRefreshKey(refreshKey + 1)} onClose=${() => setWhere({ ...where, ticketId: null })} />`}`}
        </main>
        ${openTicket && html`<${CustomerHistory} customerId=${openTicket.customerId} currentTicketId=${openTicket.ticketId}
            agentNames=${agentNames} />`}
        ${help && html`<${Shortcuts} onClose=${() => setHelp(false)} />`}
      </div>
    <//>`;
}

function Shortcuts({ onClose }) {
  return html`
    <section class="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <dl>
        <dt>j / k</dt><dd>next / previous ticket</dd>
        <dt>Enter</dt><dd>open the ticket</dd>
        <dt>r</dt><dd>reply</dd>
        <dt>n</dt><dd>internal note</dd>
        <dt>e</dt><dd>resolve</dd>
        <dt>/</dt><dd>search by ticket number, email or phone</dd>
        <dt>Esc</dt><dd>close the ticket</dd>
        <dt>?</dt><dd>this help</dd>
      </dl>
      <button type="button" onClick=${onClose}>Close</button>
    </section>`;
}
