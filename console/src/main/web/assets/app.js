import { html, render, useEffect, useState } from './lib.js';
import { api, onSignedOut, session } from './api.js';
import { Login } from './screens/Login.js';
import { Workspace } from './screens/Workspace.js';

/** Signed out: the sign-in screen. Signed in: the workspace. A 401 from any call returns to sign-in (C-ERRORS). */
function App() {
  const [me, setMe] = useState(null);
  const [starting, setStarting] = useState(!!session.token);
  const [expired, setExpired] = useState(false);

  useEffect(() => onSignedOut(() => {
    setMe(null);
    setExpired(true);
  }), []);
  useEffect(() => {
    if (!session.token) return;
    api.me().then(setMe).catch(() => session.clear()).finally(() => setStarting(false));
  }, []);

  if (starting) return html`<p class="boot" role="status">Loading the console…</p>`;
  if (!me) {
    return html`
      ${expired && html`<p class="notice" role="status">Your session ended. Sign in again.</p>`}
      <${Login} onSignedIn=${(agent) => { setExpired(false); setMe(agent); }} />`;
  }
  return html`<${Workspace} me=${me} onMeChange=${setMe} onSignOut=${() => { session.clear(); setMe(null); }} />`;
}

const root = document.getElementById('app');
// Preact diffs against what is there; the static "Loading" line is not its own, so it goes first.
root.textContent = '';
render(html`<${App} />`, root);
