/** Handler of letters:exportPdf: the decision letter of a recorded decision, printed to a PDF file the user chooses. */
import fs from 'node:fs';
import path from 'node:path';
import { buildDecisionLetterHtml } from '../../../model/governance/letters/decision-letter.js';
import { decisionLetterInput, LetterError } from '../../../model/governance/letters/letter-data.js';
import { message } from '../../../common/messages/catalogue.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { requireUser, type HandlerServices } from './handler-services.js';

/** Writes bytes to `file` through a temporary file beside it, renamed once complete (never a half-written PDF). */
function writeFileAtomically(file: string, bytes: Uint8Array): void {
  const partial = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.partial`);
  try {
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, file);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw new DomainError('internal', `The letter could not be written to ${file}: ${(error as Error).message}`);
  }
}

/** Registers letters:exportPdf (any signed-in user: the officer prints the letter of a decision). */
export function registerLetterHandlers(router: IpcRouter, services: HandlerServices): void {
  const { db } = services;
  router.handle('letters:exportPdf', async ({ decisionId, lang }) => {
    requireUser(services);
    // Read at each call: a model install swaps the engine.
    const engine = services.engine;
    const desktop = services.desktop;
    if (!desktop) throw new DomainError('internal', 'Letters cannot be printed here: no desktop to save and print them.');
    let html: string;
    let clientId: number;
    try {
      const input = await decisionLetterInput(db, engine, { decisionId, lang });
      clientId = input.client.id;
      html = buildDecisionLetterHtml(input);
    } catch (error) {
      if (error instanceof LetterError) throw new DomainError(error.code, error.message);
      throw error;
    }
    // The letter is built first: an unknown decision is refused before any dialog opens.
    const file = await desktop.chooseSaveFile({
      title: message(lang, 'letters.saveDialogTitle'),
      defaultName: `${message(lang, 'letters.fileName')}-${clientId}-${decisionId}.pdf`,
      extensions: ['pdf'],
    });
    if (!file) throw new DomainError('cancelled', 'The letter was not saved: the save dialog was closed.');
    const bytes = await desktop.renderPdf(html);
    writeFileAtomically(file, bytes);
    return { path: file, bytes: bytes.length };
  });
}
