import type { Schemas } from '../../api/client';

/** What UsagePage gives a tab that saves one section of the usage with its If-Match (PATCH of the usage). */
export interface UsageSectionProps<Write> {
  usage: Schemas['ComposedItSystemUsageResponse'];
  canEdit: boolean;
  saving: boolean;
  saved: boolean;
  error: unknown;
  onSave: (section: Write) => void;
  /** After a 412: read the usage again ("Hent nyeste"). */
  onReload: () => void;
}
