import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schemas } from '../../api/client';
import { SelectField, TextAreaField } from '../../components/FormFields';
import { fieldError } from '../../components/ProblemAlert';
import { useProjectWrite, type Project } from './data';
import { PartActions } from './PartActions';
import { ProjectForm, textOrNull } from './ProjectForm';
import { countByLevel, riskMatrix, SCALE, type Risk } from './risk-matrix';

/**
 * The probability × consequence matrix as a table grid: rows are probabilities (5 at the top), columns consequences;
 * each cell says how many risks it holds, their score and level in words (the colour only repeats the level).
 */
export function RiskMatrix({ risks }: { risks: ReadonlyArray<Risk> }) {
  const { t } = useTranslation();
  const matrix = riskMatrix(risks);
  return (
    <div className="table--responsive-scroll">
      <table className="table project-risk-matrix" data-testid="risk-matrix">
        <caption>{t('projects.risks.matrixTitle')}</caption>
        <thead>
          <tr>
            <td className="project-risk-matrix__corner">
              <span className="sr-only">
                {t('projects.risks.probabilityAxis')} / {t('projects.risks.consequenceAxis')}
              </span>
              <span aria-hidden="true">
                {t('projects.risks.probabilityAxis')} ↓ {t('projects.risks.consequenceAxis')} →
              </span>
            </td>
            {SCALE.map((c) => (
              <th scope="col" key={c}>
                {t(`projects.risks.consequenceScale.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row) => (
            <tr key={row[0]!.probability}>
              <th scope="row">{t(`projects.risks.probabilityScale.${row[0]!.probability}`)}</th>
              {row.map((cell) => (
                <td
                  key={cell.consequence}
                  className={`project-risk-cell project-risk-cell--${cell.level.toLowerCase()}`}
                  data-probability={cell.probability}
                  data-consequence={cell.consequence}
                  data-count={cell.risks.length}
                >
                  {cell.risks.length > 0 ? (
                    <>
                      <span className="project-risk-cell__summary">
                        {t('projects.risks.cell', {
                          count: cell.risks.length,
                          score: cell.score,
                          level: t(`projects.risks.levels.${cell.level}`),
                        })}
                      </span>
                      <ul className="project-risk-cell__risks">
                        {cell.risks.map((r) => (
                          <li key={r.uuid}>{r.description}</li>
                        ))}
                      </ul>
                    </>
                  ) : (
                    <span className="project-risk-cell__empty">{t('projects.risks.cellEmpty', { score: cell.score })}</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Risks [Risici]: the matrix, the counts per level, the risks highest score first, and (with write rights) add or delete. */
export function RiskSection({ project, canEdit, reload }: { project: Project; canEdit: boolean; reload: () => void }) {
  const { t } = useTranslation();
  const risks = [...project.risks].sort((a, b) => b.score - a.score || a.description.localeCompare(b.description, 'da'));
  const counts = countByLevel(risks);
  const remove = (partUuid: string) => (ifMatch: string) =>
    unwrap(
      api.DELETE('/api/v2/it-projects/{uuid}/risks/{partUuid}', {
        params: { path: { uuid: project.uuid, partUuid }, header: { 'If-Match': ifMatch } },
      }),
    );
  return (
    <>
      <p>{t('projects.risks.matrixHelp')}</p>
      <RiskMatrix risks={risks} />
      <p>{t('projects.risks.counts', counts)}</p>
      {risks.length === 0 ? (
        <p>{t('projects.none')}</p>
      ) : (
        <div className="table--responsive-scroll">
          <table className="table table--compact table--zebra" data-testid="risk-list">
            <caption>{t('projects.risks.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('projects.risks.description')}</th>
                <th scope="col">{t('projects.risks.probabilityAxis')}</th>
                <th scope="col">{t('projects.risks.consequenceAxis')}</th>
                <th scope="col">{t('projects.risks.score')}</th>
                <th scope="col">{t('projects.risks.level')}</th>
                <th scope="col">{t('projects.risks.mitigation')}</th>
                <th scope="col">{t('projects.risks.owner')}</th>
                {canEdit && <td />}
              </tr>
            </thead>
            <tbody>
              {risks.map((r) => (
                <tr key={r.uuid}>
                  <th scope="row">{r.description}</th>
                  <td>{r.probability}</td>
                  <td>{r.consequence}</td>
                  <td>{r.score}</td>
                  <td>{t(`projects.risks.levels.${r.level}`)}</td>
                  <td>{r.mitigation ?? ''}</td>
                  <td>{r.owner?.name ?? ''}</td>
                  {canEdit && (
                    <td>
                      <PartActions projectUuid={project.uuid} name={r.description} remove={remove(r.uuid)} reload={reload} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canEdit && <AddRisk project={project} reload={reload} />}
    </>
  );
}

function AddRisk({ project, reload }: { project: Project; reload: () => void }) {
  const { t } = useTranslation();
  const [description, setDescription] = useState('');
  const [probability, setProbability] = useState('3');
  const [consequence, setConsequence] = useState('3');
  const [mitigation, setMitigation] = useState('');
  const add = useProjectWrite(project.uuid, (ifMatch, body: Schemas['ProjectRiskWrite']) =>
    unwrap(
      api.POST('/api/v2/it-projects/{uuid}/risks', { params: { path: { uuid: project.uuid }, header: { 'If-Match': ifMatch } }, body }),
    ),
  );
  const submit = () =>
    add.mutate(
      {
        description: description.trim(),
        probability: Number(probability),
        consequence: Number(consequence),
        mitigation: textOrNull(mitigation),
      },
      {
        onSuccess: () => {
          setDescription('');
          setMitigation('');
        },
      },
    );
  return (
    <ProjectForm label={t('projects.risks.add')} mutation={add} onSubmit={submit} reload={reload}>
      <TextAreaField
        name="risk.description"
        label={t('projects.risks.description')}
        required
        maxLength={4000}
        value={description}
        error={fieldError(add.error, 'description')}
        onChange={(e) => setDescription(e.target.value)}
      />
      <div className="project-form-grid">
        <SelectField
          name="risk.probability"
          label={t('projects.risks.probability')}
          options={SCALE.map((n) => ({ value: String(n), label: t(`projects.risks.probabilityScale.${n}`) }))}
          value={probability}
          error={fieldError(add.error, 'probability')}
          onChange={(e) => setProbability(e.target.value)}
        />
        <SelectField
          name="risk.consequence"
          label={t('projects.risks.consequence')}
          options={SCALE.map((n) => ({ value: String(n), label: t(`projects.risks.consequenceScale.${n}`) }))}
          value={consequence}
          error={fieldError(add.error, 'consequence')}
          onChange={(e) => setConsequence(e.target.value)}
        />
      </div>
      <TextAreaField
        name="risk.mitigation"
        label={t('projects.risks.mitigation')}
        maxLength={4000}
        value={mitigation}
        error={fieldError(add.error, 'mitigation')}
        onChange={(e) => setMitigation(e.target.value)}
      />
    </ProjectForm>
  );
}
