/**
 * The rules the server states for a webhook subscription (libs/contracts webhooks.dto.ts and the reporting service's
 * url check), checked before sending so that the user sees them at once; the server's problem remains the truth.
 */
export const WEBHOOK_TOPIC_PATTERN = /^(\*|[a-z]+)\.(\*|[a-z-]+)\.(\*|[a-z-]+)$/;
export const WEBHOOK_MAX_TOPICS = 50;
export const WEBHOOK_MAX_URL_LENGTH = 2000;

export interface WebhookDraft {
  url: string;
  /** One topic a line (as typed). */
  topics: string;
  active: boolean;
}

/** A message key under adminSettings.webhooks.errors with its values. */
export interface DraftError {
  key: string;
  values?: Record<string, string | number>;
}

export function topicsOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((topic) => topic.trim())
    .filter(Boolean);
}

export function urlError(url: string): DraftError | undefined {
  const trimmed = url.trim();
  if (!trimmed) return { key: 'urlRequired' };
  if (trimmed.length > WEBHOOK_MAX_URL_LENGTH) return { key: 'urlTooLong', values: { max: WEBHOOK_MAX_URL_LENGTH } };
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return { key: 'urlInvalid' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { key: 'urlProtocol' };
  if (parsed.username || parsed.password) return { key: 'urlCredentials' };
  return undefined;
}

export function topicsError(text: string): DraftError | undefined {
  const topics = topicsOf(text);
  if (topics.length === 0) return { key: 'topicsRequired' };
  if (topics.length > WEBHOOK_MAX_TOPICS) return { key: 'topicsTooMany', values: { max: WEBHOOK_MAX_TOPICS } };
  const wrong = topics.find((topic) => !WEBHOOK_TOPIC_PATTERN.test(topic));
  return wrong ? { key: 'topicInvalid', values: { topic: wrong } } : undefined;
}

/** The draft's problems by field (`url`, `topics`); empty when it may be sent. */
export function validateWebhook(draft: WebhookDraft): Partial<Record<'url' | 'topics', DraftError>> {
  const errors: Partial<Record<'url' | 'topics', DraftError>> = {};
  const url = urlError(draft.url);
  const topics = topicsError(draft.topics);
  if (url) errors.url = url;
  if (topics) errors.topics = topics;
  return errors;
}
