// How an agent signs in (C-LOGIN). The page's config.json says which way: offline ("local"), a token from the local
// cloud for a chosen agent; in AWS ("cognito"), Cognito's hosted UI with the authorization code grant and PKCE, the
// ID token (it carries custom:role) as the bearer. No client secret: a page cannot keep one.
import { session } from './api.js';

const PENDING_KEY = 'helpdesk.signin';

/** The sign-in configuration; a missing config.json means the offline cloud's own sign-in. */
export async function loadConfig() {
  const response = await fetch('config.json', { cache: 'no-cache', headers: { Accept: 'application/json' } });
  if (response.status === 404) return { signIn: 'local' };
  if (!response.ok) throw new Error(`The console's configuration could not be read (HTTP ${response.status}).`);
  return response.json();
}

const base64url = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = (bytes) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** Leaves for the hosted UI; the verifier and state wait in this tab's storage for the way back. */
export async function startHostedSignIn(config) {
  const verifier = randomText(48); // 64 characters: RFC 7636 asks for 43 to 128
  const state = randomText(16);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: config.redirectUri,
    scope: 'openid email profile',
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  window.location.assign(`${config.domain}/oauth2/authorize?${query}`);
}

/**
 * Back from the hosted UI: exchanges the code for tokens and keeps the ID token. False when the address carries no
 * answer from the hosted UI; throws with a reason an agent can read when sign-in failed.
 */
export async function finishHostedSignIn(config) {
  const answer = new URLSearchParams(window.location.search);
  if (!answer.has('code') && !answer.has('error')) return false;
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null');
  sessionStorage.removeItem(PENDING_KEY);
  // The code is single-use: keep it out of the history and of reloads.
  window.history.replaceState(null, '', window.location.pathname);
  if (answer.has('error')) {
    throw new Error(`Sign-in failed: ${answer.get('error_description') || answer.get('error')}.`);
  }
  if (!pending || pending.state !== answer.get('state')) {
    throw new Error('Sign-in failed: the answer does not belong to this tab. Sign in again.');
  }
  let response;
  try {
    response = await fetch(`${config.domain}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code: answer.get('code'),
        redirect_uri: config.redirectUri,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new Error('Sign-in failed: the sign-in service could not be reached. Sign in again.');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok || !body.id_token) {
    throw new Error(`Sign-in failed: ${body.error_description || body.error || `HTTP ${response.status}`}. Sign in again.`);
  }
  session.set(body.id_token);
  return true;
}

/** Where sign-out ends in AWS: the hosted UI forgets the agent and sends the browser back to the console. */
export function hostedSignOutUrl(config) {
  return `${config.domain}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUri })}`;
}
