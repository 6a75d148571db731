import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { formatters } from '../../i18n';

type Preview = Schemas['KleImportPreviewResponse'];

function Section({ id, heading, count, children }: { id: string; heading: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section aria-labelledby={`kle-${id}`} className="admin-settings-section">
      <h3 id={`kle-${id}`}>{heading}</h3>
      {children}
    </section>
  );
}

/** What a KLE import would change (or changed): added, renamed, removed, restored and otherwise updated task references. */
export function KlePreview({ preview }: { preview: Preview }) {
  const { t, i18n } = useTranslation();
  const format = formatters(i18n.language);
  const k = (key: string, options: Record<string, unknown> = {}) => t(`adminSettings.kle.${key}`, options);
  const changes = preview.added.length + preview.renamed.length + preview.removed.length + preview.restored.length + preview.updated.length;
  const simple = (id: 'added' | 'removed' | 'restored', items: Preview['added']) => (
    <Section id={id} heading={k(`sections.${id}`, { count: items.length })} count={items.length}>
      <table className="table table--compact table--zebra">
        <caption className="sr-only">{k(`sections.${id}`, { count: items.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{k('kleNumber')}</th>
            <th scope="col">{k('title_')}</th>
            {id === 'removed' && <th scope="col">{k('removedOn')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.uuid}>
              <th scope="row">{item.kleNumber}</th>
              <td>{item.description}</td>
              {id === 'removed' && <td>{item.removed ? format.date(item.removed) : ''}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
  return (
    <div>
      <p>
        {k('summary', {
          published: preview.publishedDate ? format.date(preview.publishedDate) : k('unknownDate'),
          entries: format.number(preview.entries),
          expires: format.dateTime(preview.expires),
        })}{' '}
        <span className={preview.status === 'Applied' ? 'badge badge-success' : 'badge'}>{k(`status.${preview.status}`)}</span>
      </p>
      {changes === 0 && <p>{k('noChanges')}</p>}
      {simple('added', preview.added)}
      <Section id="renamed" heading={k('sections.renamed', { count: preview.renamed.length })} count={preview.renamed.length}>
        <table className="table table--compact table--zebra">
          <caption className="sr-only">{k('sections.renamed', { count: preview.renamed.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{k('kleNumber')}</th>
              <th scope="col">{k('oldTitle')}</th>
              <th scope="col">{k('newTitle')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.renamed.map((item) => (
              <tr key={item.uuid}>
                <th scope="row">{item.kleNumber}</th>
                <td>{item.oldDescription}</td>
                <td>{item.newDescription}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      {simple('removed', preview.removed)}
      {simple('restored', preview.restored)}
      <Section id="updated" heading={k('sections.updated', { count: preview.updated.length })} count={preview.updated.length}>
        <table className="table table--compact table--zebra">
          <caption className="sr-only">{k('sections.updated', { count: preview.updated.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{k('kleNumber')}</th>
              <th scope="col">{k('fields')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.updated.map((item) => (
              <tr key={item.uuid}>
                <th scope="row">{item.kleNumber}</th>
                <td>{item.fields.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </div>
  );
}
