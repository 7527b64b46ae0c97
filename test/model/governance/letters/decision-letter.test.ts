/**
 * The decision letter: built from a decision recorded through the decision log's own append on the real
 * fixture with the shipped model, printed by real headless Chromium, read back with pdftotext — it states
 * the decision, the top reasons' words, the counter-offer of a refusal and the right to human review, in
 * French and in English. Every interpolated value is escaped (a <script> in a value stays text); the
 * page loads nothing and runs nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeSetting } from '../../../../db/app-settings.js';
import { appendLogEntry } from '../../../../db/decision-log.js';
import type { Db } from '../../../../db/open-database.js';
import { renderPdfWithChromium } from '../../../../model/governance/letters/chromium-pdf.js';
import { scoreAllClients, scoreClient } from '../../../../model/scoring/client-scoring.js';
import { counterOffer } from '../../../../model/scoring/counter-offer.js';
import { readClientRecords } from '../../../../model/features/read-client-records.js';
import { formatMoney } from '../../../../common/format.js';
import type { Lang } from '../../../../common/lang.js';
import { buildDecisionLetterHtml, finalOutcome, type DecisionLetterInput } from '../../../../model/governance/letters/decision-letter.js';
import { escapeHtml } from '../../../../model/governance/letters/escape-html.js';
import { decisionLetterInput, latestDecisionId, LETTER_COMPANY_KEY, letterCompany, LetterError, recordedDecision } from '../../../../model/governance/letters/letter-data.js';
import type { ScoringEngine } from '../../../../model/scoring/scoring-engine.js';
import { tempDir } from '../../../support/paths.js';
import { openShippedFixture, type ShippedFixture } from '../../../support/shipped-engine.js';

let fixture: ShippedFixture;
let db: Db;
let engine: ScoringEngine;
let refusedId: number;
let grantedId: number;
let refusedDecision: number;
let grantedDecision: number;
let contestEntry: number;
const out = tempDir('octroi-letter-');

/** PDF → text as a person would read it (pdftotext -layout), whitespace runs collapsed. */
function pdfText(bytes: Uint8Array, name: string): string {
  const file = path.join(out, name);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
}

const squash = (text: string) => text.replace(/\s+/g, ' ');

function record(clientId: number, decision: 'granted' | 'refused' | 'override', direction: 'grant' | 'refuse' | null, kind: 'decision' | 'contest' = 'decision'): number {
  return appendLogEntry(
    db,
    {
      kind,
      client_id: clientId,
      decision: kind === 'contest' ? null : decision,
      override_direction: direction,
      reason_code: kind === 'contest' ? null : decision === 'override' ? 'guarantor' : 'model-decision',
      comment: 'internal comment: never printed',
      model_decision: kind === 'contest' ? null : decision === 'granted' ? 'granted' : 'refused',
      probability: 0.2,
      threshold: engine.threshold,
      model_version: engine.modelVersion,
      refers_to: kind === 'contest' ? 1 : null,
      user_id: 1,
      username: 'cmartin',
      branch: 'Agence de Lyon',
      recorded_at: '2026-11-20T10:15:00.000Z',
    },
  ).seq;
}

beforeAll(async () => {
  fixture = await openShippedFixture();
  ({ db, engine } = fixture);
  db.prepare(`INSERT INTO app_user (user_id, username, display_name, role, branch, password_hash, created_at) VALUES (1, 'cmartin', 'Claire Martin', 'officer', 'Agence de Lyon', 'scrypt$test', '2026-01-01T00:00:00.000Z')`).run();
  // A refused client whose amount counter-offer exists, and the safest (granted) client.
  const scored: Array<{ id: number; p: number }> = [];
  for await (const chunk of scoreAllClients(db, engine)) chunk.ids.forEach((id, i) => scored.push({ id, p: chunk.probabilities[i]! }));
  scored.sort((a, b) => a.p - b.p);
  grantedId = scored[0]!.id;
  for (const { id } of scored.filter((s) => s.p >= engine.threshold)) {
    const offer = await counterOffer(engine, readClientRecords(db, id)!);
    if (offer?.amount.status === 'offer') {
      refusedId = id;
      break;
    }
  }
  refusedDecision = record(refusedId, 'refused', null);
  grantedDecision = record(grantedId, 'granted', null);
  contestEntry = record(refusedId, 'refused', null, 'contest');
  writeSetting(db, LETTER_COMPANY_KEY, { name: 'Prêt à dépenser', address: ['12 rue de la République', '69002 Lyon'], phone: '04 72 00 00 00', email: 'relation.client@example.org' });
}, 180_000);
afterAll(() => fixture?.close());

describe('letter data', () => {
  it('reads the recorded decision with the officer\'s name, and refuses what is not a decision', () => {
    expect(recordedDecision(db, refusedDecision)).toMatchObject({ clientId: refusedId, decision: 'refused', officerName: 'Claire Martin', branch: 'Agence de Lyon' });
    expect(() => recordedDecision(db, 9999)).toThrow(new LetterError('not-found', 'No decision no. 9999 in the decision log.'));
    expect(() => recordedDecision(db, contestEntry)).toThrow(/is a contest, not a decision/);
    expect(latestDecisionId(db, refusedId)).toBe(refusedDecision);
    expect(latestDecisionId(db, 100001 === refusedId ? 100002 : 100001)).toBeNull();
    expect(letterCompany(db).address).toEqual(['12 rue de la République', '69002 Lyon']);
    expect(finalOutcome({ decision: 'override', overrideDirection: 'grant' })).toBe('granted');
    expect(finalOutcome({ decision: 'override', overrideDirection: 'refuse' })).toBe('refused');
  });
});

describe('the printed letter', () => {
  for (const lang of ['fr', 'en'] as Lang[]) {
    it(`states a refusal, its reasons, the counter-offer and the right to human review (${lang}, text extracted from the PDF)`, async () => {
      const input = await decisionLetterInput(db, engine, { decisionId: refusedDecision, lang, date: new Date('2026-11-24T09:00:00Z') });
      const html = buildDecisionLetterHtml(input);
      const text = pdfText(await renderPdfWithChromium(html), `refused-${lang}.pdf`);
      const score = await scoreClient(db, engine, refusedId, { lang, reasons: 3 });
      // The decision, who took it and when.
      expect(text).toContain(lang === 'fr' ? 'est refusée' : 'has been refused');
      expect(text).toContain(lang === 'fr' ? 'le 20 novembre 2026 par Claire Martin, Agence de Lyon' : 'on 20 November 2026 by Claire Martin, Agence de Lyon');
      expect(text).toContain(lang === 'fr' ? '24 novembre 2026' : '24 November 2026');
      // The top reasons, in the words the screens use.
      const against = score.reasons.filter((r) => r.direction === 'against');
      expect(against.length).toBeGreaterThan(0);
      for (const reason of against) expect(text).toContain(squash(reason.text));
      // The counter-offer: the amount that would be granted.
      const offer = input.counterOffer!.amount;
      expect(offer.status).toBe('offer');
      if (offer.status === 'offer') expect(text).toContain(squash(formatMoney(offer.offer.credit, lang)));
      expect(text).toContain(lang === 'fr' ? 'Ce qui pourrait changer la décision' : 'What could change the decision');
      // The right to human review and to contest, and how.
      expect(text).toContain(lang === 'fr' ? 'Vos droits' : 'Your rights');
      expect(text).toContain(
        lang === 'fr'
          ? 'demander qu’une personne de notre établissement réexamine votre dossier, de présenter votre point de vue et de contester la décision'
          : 'ask for a person in our company to review your file, to give your point of view, and to contest the decision',
      );
      expect(text).toContain(lang === 'fr' ? 'article 22' : 'article 22');
      expect(text).toContain('04 72 00 00 00');
      expect(text).toContain(`${refusedId}-${refusedDecision}`);
      // Internal comments never reach the client.
      expect(text).not.toContain('internal comment');
    }, 60_000);
  }

  it('states a grant with the reasons in favour and no counter-offer', async () => {
    const input = await decisionLetterInput(db, engine, { decisionId: grantedDecision, lang: 'en' });
    expect(input.counterOffer).toBeNull();
    const text = pdfText(await renderPdfWithChromium(buildDecisionLetterHtml(input)), 'granted-en.pdf');
    expect(text).toContain('has been granted');
    expect(text).toContain('The main elements in favour of your application');
    expect(text).not.toContain('What could change the decision');
    expect(text).toContain('Your rights');
    for (const reason of input.reasons.filter((r) => r.direction === 'for')) expect(text).toContain(squash(reason.text));
  }, 60_000);

  it('marks a draft as such everywhere and names no officer', async () => {
    const input = await decisionLetterInput(db, engine, { lang: 'fr', draft: { clientId: refusedId, threshold: engine.threshold } });
    const text = pdfText(await renderPdfWithChromium(buildDecisionLetterHtml(input)), 'draft-fr.pdf');
    expect(text).toContain('PROJET — aucune décision n’est encore enregistrée');
    expect(text).not.toContain('Claire Martin');
    expect(text).toContain('Vos droits');
  }, 60_000);
});

describe('escaping', () => {
  it('escapes every interpolated value: a <script> in a client value, the officer\'s name or the company stays text', async () => {
    const base = await decisionLetterInput(db, engine, { decisionId: refusedDecision, lang: 'en' });
    const evil = '<script>alert("x")</script>';
    const input: DecisionLetterInput = {
      ...base,
      reasons: [{ ...base.reasons[0]!, label: 'Occupation', value: evil, direction: 'against' }, ...base.reasons.slice(1)],
      decision: { ...base.decision, officerName: `<img src=x onerror=alert(1)>`, branch: `Lyon & "Co"` },
      company: { name: `Prêt ${evil}`, address: ['<b>1 rue</b>'], phone: `'0'`, email: 'a@b.c' },
    };
    const html = buildDecisionLetterHtml(input);
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>|<b>/i);
    expect(html).toContain('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62;');
    expect(html).toContain('Lyon &#38; &#34;Co&#34;');
    // Self-contained: no external resource, no script, a CSP that forbids both.
    expect(html).not.toMatch(/<[^>]*\b(src|href|on[a-z]+)\s*=/i);
    expect(buildDecisionLetterHtml(base)).not.toMatch(/\b(src|href)\s*=|https?:|url\(|<script/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(escapeHtml(`<>&"'\``)).toBe('&#60;&#62;&#38;&#34;&#39;&#96;');
    // Printed, the value reads as the text it is.
    const text = pdfText(await renderPdfWithChromium(html), 'escaped.pdf');
    expect(text).toContain('Occupation: <script>alert("x")</script>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
  }, 60_000);
});
