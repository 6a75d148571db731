import { useTranslation } from 'react-i18next';

/** A sub-form's Save and Cancel side by side (Save submits the form; it waits while a save is under way). */
export function FormButtons({ saving, onCancel }: { saving?: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="button-row">
      <button type="submit" className="button button-primary" disabled={saving}>
        {t('common.save')}
      </button>
      <button type="button" className="button button-secondary" onClick={onCancel}>
        {t('common.cancel')}
      </button>
    </div>
  );
}
