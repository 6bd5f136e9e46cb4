import { html, useEffect, useState } from '../lib.js';
import { api, session } from '../api.js';
import { startHostedSignIn } from '../signin.js';

/**
 * The sign-in screen (C-LOGIN). Offline: every registered agent as a button with name and role; one click gets a
 * token from the local cloud. In AWS: one button to the Cognito hosted UI; {@code problem} says why the last try failed.
 */
export function Login({ config, problem, onSignedIn }) {
  return html`
    <main class="login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Helpdesk</h1>
      ${config.signIn === 'cognito'
        ? html`<${HostedSignIn} config=${config} problem=${problem} />`
        : html`<${LocalSignIn} onSignedIn=${onSignedIn} />`}
    </main>`;
}

function HostedSignIn({ config, problem }) {
  const [leaving, setLeaving] = useState(false);
  const [failure, setFailure] = useState(problem);
  const go = async () => {
    setLeaving(true);
    setFailure(null);
    try {
      await startHostedSignIn(config);
    } catch (e) {
      setLeaving(false);
      setFailure(`Sign-in could not start: ${e.message}`);
    }
  };
  return html`
    ${failure && html`<div class="banner" role="alert"><span>${failure}</span></div>`}
    <p>Use your company account; the sign-in page opens and brings you back here.</p>
    <button type="button" class="primary" disabled=${leaving} onClick=${go}>
      ${leaving ? 'Opening the sign-in page…' : 'Sign in with your company account'}</button>`;
}

function LocalSignIn({ onSignedIn }) {
  const [agents, setAgents] = useState(null);
  const [problem, setProblem] = useState(null);
  const [busy, setBusy] = useState(null);

  const load = () => {
    setProblem(null);
    api.localAgents().then((body) => setAgents(body.items)).catch((e) => setProblem(e.message));
  };
  useEffect(load, []);

  const signIn = async (agent) => {
    setBusy(agent.agentId);
    setProblem(null);
    try {
      const { token } = await api.localToken(agent);
      session.set(token);
      onSignedIn(await api.me());
    } catch (e) {
      session.clear();
      setProblem(e.message);
    } finally {
      setBusy(null);
    }
  };

  return html`
    ${problem && html`
      <div class="banner" role="alert"><span>${problem}</span>
        <button type="button" onClick=${load}>Retry</button></div>`}
    ${agents === null && !problem && html`<p role="status">Loading agents…</p>`}
    ${agents && agents.length === 0 && html`
      <p>No agents are registered yet. Start the local cloud with <code>--demo</code>, or register one with
        <code>PUT /api/agents/{agentId}</code>.</p>`}
    ${agents && agents.length > 0 && html`
      <p>Choose who you are (offline sign-in: no password).</p>
      <ul class="agents">
        ${agents.map((agent) => html`
          <li key=${agent.agentId}>
            <button type="button" disabled=${busy !== null} onClick=${() => signIn(agent)}>
              <span class="agent-name">${agent.name}</span> <span class="agent-role">${agent.role}</span>
            </button>
          </li>`)}
      </ul>`}`;
}
