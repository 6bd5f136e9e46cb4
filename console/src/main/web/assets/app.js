import { html, render, useEffect, useState } from './lib.js';
import { api, onSignedOut, session } from './api.js';
import { finishHostedSignIn, hostedSignOutUrl, loadConfig } from './signin.js';
import { Login } from './screens/Login.js';
import { Workspace } from './screens/Workspace.js';

/**
 * Signed out: the sign-in screen. Signed in: the workspace. A 401 from any call returns to sign-in (C-ERRORS).
 * First the sign-in configuration is read and, back from the hosted UI, the code is exchanged.
 */
function App() {
  const [config, setConfig] = useState(null);
  const [me, setMe] = useState(null);
  const [starting, setStarting] = useState(true);
  const [problem, setProblem] = useState(null);
  const [expired, setExpired] = useState(false);

  useEffect(() => onSignedOut(() => {
    setMe(null);
    setExpired(true);
  }), []);

  const boot = async () => {
    setStarting(true);
    setProblem(null);
    try {
      const loaded = await loadConfig();
      setConfig(loaded);
      if (loaded.signIn === 'cognito') await finishHostedSignIn(loaded);
      if (session.token) {
        try {
          setMe(await api.me());
        } catch (e) {
          session.clear();
          if (e.status !== 401) throw e;
        }
      }
    } catch (e) {
      setProblem(e.message);
    } finally {
      setStarting(false);
    }
  };
  useEffect(() => { boot(); }, []);

  const signOut = () => {
    session.clear();
    setMe(null);
    if (config?.signIn === 'cognito') window.location.assign(hostedSignOutUrl(config));
  };

  if (starting) return html`<p class="boot" role="status">Loading the console…</p>`;
  if (!config) {
    return html`<main class="login"><h1>Helpdesk</h1>
      <div class="banner" role="alert"><span>${problem}</span> <button type="button" onClick=${boot}>Retry</button></div></main>`;
  }
  if (!me) {
    return html`
      ${expired && html`<p class="notice" role="status">Your session ended. Sign in again.</p>`}
      <${Login} config=${config} problem=${problem} onSignedIn=${(agent) => { setExpired(false); setMe(agent); }} />`;
  }
  return html`<${Workspace} me=${me} onMeChange=${setMe} onSignOut=${signOut} />`;
}

const root = document.getElementById('app');
// Preact diffs against what is there; the static "Loading" line is not its own, so it goes first.
root.textContent = '';
render(html`<${App} />`, root);
