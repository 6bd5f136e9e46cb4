// The one place that talks to the back end: the agent API (SPEC R-API) and, offline, the local sign-in routes.

const TOKEN_KEY = 'helpdesk.token';
/** A request that takes longer than this is reported as failed (with Retry), never left spinning. */
const TIMEOUT_MS = 20000;

/** A failed call: the HTTP status (0 when the server was not reached), the API's error code and message. */
export class ApiError extends Error {
  constructor(status, code, message, body) {
    super(message);
    this.status = status;
    this.code = code;
    this.body = body;
  }
}

// The token lives for the tab only: closing it signs out, as a shared support desk expects.
export const session = {
  get token() {
    return sessionStorage.getItem(TOKEN_KEY);
  },
  set(token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

const signedOutListeners = new Set();

/** Calls {@code listener} when the API answers 401 (expired or revoked token); returns the unsubscribe. */
export function onSignedOut(listener) {
  signedOutListeners.add(listener);
  return () => signedOutListeners.delete(listener);
}

export async function call(method, path, body, { ifMatch } = {}) {
  const headers = { Accept: 'application/json' };
  const token = session.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (ifMatch !== undefined && ifMatch !== null) headers['If-Match'] = `"${ifMatch}"`;
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (e) {
    if (e.name === 'TimeoutError') {
      throw new ApiError(0, 'timeout', `The server did not answer within ${TIMEOUT_MS / 1000} seconds.`);
    }
    throw new ApiError(0, 'unreachable', 'The server could not be reached. Check the connection.');
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (response.status === 401 && token) {
    session.clear();
    signedOutListeners.forEach((listener) => listener());
  }
  if (!response.ok) {
    const retryAfter = response.headers.get('Retry-After');
    const fallback = `${method} ${path} answered HTTP ${response.status}`
      + (retryAfter ? `; try again in ${retryAfter} s` : '');
    throw new ApiError(response.status, json?.error ?? `http_${response.status}`, json?.message ?? fallback, json);
  }
  return json;
}

const query = (params) => {
  const search = new URLSearchParams();
  Object.entries(params).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== '') search.set(name, value);
  });
  const text = search.toString();
  return text ? `?${text}` : '';
};
const id = encodeURIComponent;

export const api = {
  // Offline sign-in (CONSOLE.md C-LOGIN): the registered agents, and a token for one of them.
  localAgents: () => call('GET', '/local/agents'),
  localToken: (agent) => call('POST', '/local/token', { sub: agent.agentId, role: agent.role }),

  me: () => call('GET', '/api/agents/me'),
  agents: () => call('GET', '/api/agents'),
  setOnline: (online) => call('PUT', '/api/agents/me/availability', { online }),
  logout: () => call('POST', '/api/agents/me/logout'),

  counts: (saved = false) => call('GET', `/api/counts${saved ? '?saved=true' : ''}`),
  savedViews: () => call('GET', '/api/views'),
  deleteView: (viewId) => call('DELETE', `/api/views/${id(viewId)}`),
  purge: (ticket) => call('DELETE', `/api/tickets/${id(ticket.ticketId)}`),
  saveView: (viewId, view) => call('PUT', `/api/views/${id(viewId)}`, view),
  tickets: (params) => call('GET', `/api/tickets${query(params)}`),
  ticket: (ticketId) => call('GET', `/api/tickets/${id(ticketId)}`),
  // Replies and notes add to the ticket whatever else changed meanwhile, so they carry no If-Match; decisions taken on
  // what the agent saw (status, priority, assignee) do, and a ticket that moved answers 409 with itself.
  reply: (ticket, text) => call('POST', `/api/tickets/${id(ticket.ticketId)}/replies`, { text }),
  note: (ticket, text) => call('POST', `/api/tickets/${id(ticket.ticketId)}/notes`, { text }),
  setStatus: (ticket, change) => call('POST', `/api/tickets/${id(ticket.ticketId)}/status`, change, { ifMatch: ticket.version }),
  assign: (ticket, assigneeId, reassign = false) =>
    call('PUT', `/api/tickets/${id(ticket.ticketId)}/assignee`, { assigneeId, reassign }, { ifMatch: ticket.version }),
  assignMany: (ticketIds, assigneeId, reassign = false) => call('POST', '/api/assignments', { ticketIds, assigneeId, reassign }),
  priority: (ticket, priority) =>
    call('PUT', `/api/tickets/${id(ticket.ticketId)}/priority`, { priority }, { ifMatch: ticket.version }),

  // Workspace settings (C-ADMIN).
  registerAgent: (agentId, agent) => call('PUT', `/api/agents/${id(agentId)}`, agent),
  teams: () => call('GET', '/api/teams'),
  saveTeam: (teamId, team) => call('PUT', `/api/teams/${id(teamId)}`, team),
  deleteTeam: (teamId) => call('DELETE', `/api/teams/${id(teamId)}`),
  assignment: () => call('GET', '/api/settings/assignment'),
  saveAssignment: (settings) => call('PUT', '/api/settings/assignment', settings),
  officeHours: () => call('GET', '/api/settings/office-hours'),
  saveOfficeHours: (hours) => call('PUT', '/api/settings/office-hours', hours),
  slaPolicies: () => call('GET', '/api/settings/sla'),
  saveSlaPolicies: (policies) => call('PUT', '/api/settings/sla', policies),
  customStatuses: () => call('GET', '/api/settings/statuses'),
  saveCustomStatuses: (statuses) => call('PUT', '/api/settings/statuses', statuses),

  search: (q) => call('GET', `/api/search${query({ q })}`),
  customer: (customerId) => call('GET', `/api/customers/${id(customerId)}`),
  customerTickets: (customerId, params) => call('GET', `/api/customers/${id(customerId)}/tickets${query(params)}`),
};
