import { html, createContext, useContext } from '../lib.js';

/**
 * Failures reach the agent through one non-blocking banner (C-ERRORS): the server's message and, when the
 * action can be repeated, Retry. Components report with {@code useReport()(error, retry)}.
 */
export const ReportContext = createContext(() => {});

export const useReport = () => useContext(ReportContext);

export function Banner({ problem, onDismiss }) {
  if (!problem) return null;
  const retry = problem.retry
    ? html`<button type="button" onClick=${() => { onDismiss(); problem.retry(); }}>Retry</button>`
    : null;
  return html`
    <div class="banner" role="alert">
      <span>${problem.message}</span>
      ${retry}
      <button type="button" class="quiet" onClick=${onDismiss} aria-label="Dismiss the message">×</button>
    </div>`;
}

/** A notice that is not an error (a stale write reloaded, a ticket taken over). */
export function Notice({ text }) {
  return text ? html`<p class="notice" role="status">${text}</p>` : null;
}
