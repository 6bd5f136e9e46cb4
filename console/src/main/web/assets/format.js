// How values read on screen: times in the browser's locale and time zone (C-A11Y), channels and sentiment.

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const exact = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const STEPS = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "5 minutes ago", "in 2 hours"; "just now" under a minute. */
export function relativeTime(iso, now = Date.now()) {
  if (!iso) return '';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of STEPS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return 'just now';
}

export function exactTime(iso) {
  return iso ? exact.format(new Date(iso)) : '';
}

const CHANNELS = {
  chat: ['💬', 'Chat'],
  sms: ['📱', 'SMS'],
  email: ['✉️', 'Email'],
  whatsapp: ['🟢', 'WhatsApp'],
  messenger: ['🔵', 'Messenger'],
  instagram: ['📷', 'Instagram'],
};

/** Channel wire values, in the order filters list them. */
export const CHANNEL_IDS = Object.keys(CHANNELS);

/** The channel's icon (decorative) and its name (what assistive technology reads). */
export function channel(wire) {
  const [icon, name] = CHANNELS[wire] ?? ['•', wire ?? 'Unknown'];
  return { icon, name };
}

export const SENTIMENTS = ['Urgent', 'Negative', 'Neutral', 'Positive', 'Promoter'];
export const STATUSES = ['New', 'Open', 'Answered', 'Postponed', 'Resolved', 'Spam', 'Deleted'];
/** Wire value and the name agents read. */
export const PRIORITIES = [['low', 'Low'], ['normal', 'Normal'], ['high', 'High'], ['urgent', 'Urgent']];

/** The local value a datetime-local input takes for a date (its own time zone, no seconds). */
export function toLocalInput(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
