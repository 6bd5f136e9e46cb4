import { html, useEffect, useState } from '../lib.js';
import { api } from '../api.js';
import { useReport } from './Banner.js';

/** Presence lapses without it (R-ASSIGN-4); a heartbeat that changes nothing costs the back end one small write. */
export const HEARTBEAT_MS = 60000;

/** The signed-in agent's own Online/Offline switch (C-AVAIL), and the heartbeat while Online. */
export function Availability({ me, onChange }) {
  const report = useReport();
  const [saving, setSaving] = useState(false);
  const online = !!me.online;

  const set = async (next) => {
    setSaving(true);
    try {
      await api.setOnline(next);
      onChange({ ...me, online: next });
    } catch (e) {
      report(e, () => set(next));
    } finally {
      setSaving(false);
    }
  };

  useEffect(() => {
    if (!online || !me.registered) return undefined;
    const beat = () => api.setOnline(true).catch(() => {
      // A missed beat is retried by the next; presence lapses only after several.
    });
    const timer = setInterval(beat, HEARTBEAT_MS);
    return () => clearInterval(timer);
  }, [online, me.registered]);

  if (!me.registered) return html`<span class="presence">Not registered for routing</span>`;
  return html`
    <button type="button" role="switch" aria-checked=${online ? 'true' : 'false'} class=${online ? 'presence on' : 'presence'}
            disabled=${saving} onClick=${() => set(!online)}>
      <span aria-hidden="true" class="dot"></span> ${online ? 'Online' : 'Offline'}
    </button>`;
}
