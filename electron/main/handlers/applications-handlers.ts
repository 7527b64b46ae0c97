/**
 * Handlers of new applications: the form's definition, field-by-field validation, scoring on the spot
 * under the policy threshold in force (reasons, and the counter-offer of a refusal) and saving as a new
 * client with its score and its author.
 */
import { insertApplication } from '../../../db/app-applications.js';
import { clientsFingerprint } from '../../../db/queries/population.js';
import { computeFeatures } from '../../../model/features/compute-features.js';
import { appendClient } from './population-cache.js';
import { applicationFields } from '../../../model/application/application-fields.js';
import { ApplicationValidationError, validateApplicationRecord, type FieldIssue } from '../../../model/application/application-record.js';
import { scoreApplication } from '../../../model/scoring/client-scoring.js';
import type { ApplicationRow } from '../../../model/features/client-records.js';
import { thresholdInForce } from '../../../model/governance/policy.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { clientRecordsOrNotFound, requireUser, type HandlerServices } from './handler-services.js';

/** The issues of a record (empty when it can be scored) and the validated row. */
export function checkRecord(record: unknown): { row: ApplicationRow | null; issues: FieldIssue[] } {
  try {
    return { row: validateApplicationRecord(record), issues: [] };
  } catch (error) {
    if (error instanceof ApplicationValidationError) return { row: null, issues: [...error.issues] };
    throw error;
  }
}

/** A record's issues as the contract's 'validation' error: one issue per field, path "record.<COLUMN>". */
export function validationError(issues: readonly FieldIssue[]): DomainError {
  const fields = issues.map((issue) => issue.field).join(', ');
  return new DomainError(
    'validation',
    `The application has ${issues.length} field${issues.length > 1 ? 's' : ''} to correct: ${fields}.`.slice(0, 2000),
    issues.slice(0, 200).map((issue) => ({ path: `record.${issue.field}`.slice(0, 200), message: issue.message.slice(0, 500) })),
  );
}

/** The validated row, or the 'validation' error listing every bad field. */
function rowOrValidationError(record: unknown): ApplicationRow {
  const { row, issues } = checkRecord(record);
  if (!row) throw validationError(issues);
  return row;
}

/** Registers applications:fields, applications:validate, applications:score and applications:save. */
export function registerApplicationHandlers(router: IpcRouter, services: HandlerServices): void {
  // The engine is read at each call: installing or rolling back a model swaps it in services.
  const { db } = services;
  router.handle('applications:fields', ({ lang }) => ({ fields: applicationFields(lang) }));
  router.handle('applications:validate', ({ record }) => {
    const { issues } = checkRecord(record);
    return { valid: issues.length === 0, issues: issues.slice(0, 200) };
  });
  router.handle('applications:score', async ({ record, lang, counterOffer }) => {
    const row = rowOrValidationError(record);
    // Without SK_ID_CURR the application is scored as a new applicant (no history), as it will be once saved.
    const { SK_ID_CURR: _id, TARGET: _target, ...fields } = row;
    const { engine } = services;
    return scoreApplication(engine, fields, { lang, counterOffer, threshold: thresholdInForce(db, engine) });
  });
  router.handle('applications:save', async ({ record }) => {
    const user = requireUser(services);
    const row = rowOrValidationError(record);
    const { SK_ID_CURR: _id, TARGET: _target, ...fields } = row;
    const { engine } = services;
    const score = await scoreApplication(engine, fields, { lang: services.lang, threshold: thresholdInForce(db, engine) });
    const before = clientsFingerprint(db);
    const clientId = insertApplication(
      db,
      fields as Record<string, string | number>,
      { userId: user.userId, username: user.username, branch: user.branch },
      { modelVersion: score.modelVersion, probability: score.probability, threshold: score.threshold, decision: score.decision },
      new Date().toISOString(),
    );
    // The stored population follows at once (plots, similar clients, monitoring see the new client on their next call).
    appendClient(db, engine, { id: clientId, vector: computeFeatures(clientRecordsOrNotFound(db, clientId)), probability: score.probability }, before);
    return { clientId };
  });
}
