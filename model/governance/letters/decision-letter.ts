/**
 * The decision letter for the client: one self-contained printable A4 HTML page (inline CSS, no script,
 * no external resource, a CSP that forbids both), in French or English — the decision, the main reasons
 * in plain words, what could change the outcome (the counter-offer, for a refusal), the right to human
 * review and to contest (GDPR art. 22), the contact, the date and the officer who decided. Pure: the
 * caller gathers the facts (letter-data.ts), Electron's printToPDF or headless Chromium prints the page.
 * Every interpolated value is escaped.
 */
import type { CounterOffer, OfferSearch } from '../../scoring/counter-offer.js';
import { formatDate, formatMoney, formatNumber } from '../../../common/format.js';
import type { Lang } from '../../../common/lang.js';
import type { Reason } from '../../explanation/reasons.js';
import { fill, messages } from '../../../common/messages/catalogue.js';
import { escapeHtml } from './escape-html.js';

/** Who writes: the lender's name, postal address, and how to reach them. */
export interface LetterCompany {
  name: string;
  /** Postal address, one line per entry. */
  address: string[];
  phone: string | null;
  email: string | null;
}

/** The recorded decision the letter states. */
export interface LetterDecision {
  decisionId: number;
  clientId: number;
  decision: 'granted' | 'refused' | 'override';
  overrideDirection: 'grant' | 'refuse' | null;
  reasonCode: string | null;
  /** What the scoring tool said. */
  modelDecision: 'granted' | 'refused' | null;
  modelVersion: string | null;
  recordedAt: string;
  /** The officer who decided (display name) and their branch. */
  officerName: string;
  branch: string;
}

/** Everything the letter says. */
export interface DecisionLetterInput {
  client: {
    id: number;
    /** The loan asked for (AMT_CREDIT, AMT_ANNUITY), when known. */
    credit: number | null;
    annuity: number | null;
  };
  decision: LetterDecision;
  /** The main reasons (model/explanation/reasons.ts), both directions; the letter shows up to three of each. */
  reasons: Reason[];
  /** The counter-offer, for a refusal (null when none was searched or the model grants the request). */
  counterOffer: CounterOffer | null;
  lang: Lang;
  company: LetterCompany;
  /** The date of the letter. */
  date: Date;
  /** A draft (no decision recorded yet): marked DRAFT / PROJET everywhere. */
  draft?: boolean;
}

/** Reasons per direction in a letter: enough to explain, few enough to read. */
export const LETTER_REASONS = 3;

/** The outcome for the client: granted, or refused, whatever the path (an override states its direction). */
export function finalOutcome(decision: Pick<LetterDecision, 'decision' | 'overrideDirection'>): 'granted' | 'refused' {
  if (decision.decision === 'override') return decision.overrideDirection === 'grant' ? 'granted' : 'refused';
  return decision.decision;
}

const STYLE = `
@page { size: A4; margin: 18mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1a1a1a; }
header { display: flex; justify-content: space-between; align-items: flex-start; border-bottom: 2px solid #1f4e79; padding-bottom: 6mm; margin-bottom: 8mm; }
.company { font-size: 9.5pt; } .company strong { font-size: 13pt; color: #1f4e79; display: block; margin-bottom: 1mm; }
.meta { text-align: right; font-size: 9.5pt; }
h1 { font-size: 14pt; color: #1f4e79; margin: 0 0 5mm; }
h2 { font-size: 11pt; color: #1f4e79; margin: 6mm 0 2mm; }
p { margin: 0 0 3mm; }
ul { margin: 0 0 3mm; padding-left: 6mm; } li { margin-bottom: 1mm; }
.decision { font-size: 11.5pt; padding: 3mm 4mm; border-left: 4px solid #1f4e79; background: #eef3f8; margin-bottom: 4mm; }
.rights { border: 1px solid #1f4e79; padding: 3mm 4mm; margin-top: 6mm; page-break-inside: avoid; }
.draft { color: #a00; font-weight: bold; font-size: 13pt; border: 2px solid #a00; padding: 2mm 4mm; margin-bottom: 5mm; text-align: center; }
.signature { margin-top: 8mm; }
footer { margin-top: 10mm; font-size: 8pt; color: #555; border-top: 1px solid #ccc; padding-top: 2mm; }
`;

function offerItems(offer: CounterOffer, lang: Lang): string[] {
  const w = messages(lang).letters;
  const items: string[] = [];
  const amount: OfferSearch = offer.amount;
  const duration: OfferSearch = offer.duration;
  if (amount.status === 'offer') {
    const annuity = amount.offer.annuity === null ? '' : fill(w.offerAmountAnnuity, { annuity: escapeHtml(formatMoney(amount.offer.annuity, lang)) });
    items.push(fill(w.offerAmount, { amount: escapeHtml(formatMoney(amount.offer.credit, lang)), annuity }));
  }
  if (duration.status === 'offer' && duration.offer.annuity !== null && duration.offer.term !== null) {
    items.push(
      fill(w.offerTerm, { count: escapeHtml(formatNumber(Math.round(duration.offer.term), lang, 0)), annuity: escapeHtml(formatMoney(duration.offer.annuity, lang)) }),
    );
  }
  return items;
}

/** The letter as one HTML page. */
export function buildDecisionLetterHtml(input: DecisionLetterInput): string {
  const { lang, decision, company, client } = input;
  const w = messages(lang).letters;
  const outcome = finalOutcome(decision);
  const ref = `${client.id}${input.draft ? '' : `-${decision.decisionId}`}`;
  const e = escapeHtml;

  const termText =
    client.credit !== null && client.annuity !== null && client.annuity > 0
      ? fill(w.term, { count: e(formatNumber(Math.round(client.credit / client.annuity), lang, 0)), annuity: e(formatMoney(client.annuity, lang)) })
      : '';
  const what = client.credit !== null ? fill(w.asked, { amount: e(formatMoney(client.credit, lang)), term: termText }) : w.yourRequest;
  const against = input.reasons.filter((r) => r.direction === 'against').slice(0, LETTER_REASONS);
  const inFavour = input.reasons.filter((r) => r.direction === 'for').slice(0, LETTER_REASONS);
  const list = (title: string, reasons: Reason[]) =>
    reasons.length
      ? `<h2>${e(title)}</h2>\n<ul>${reasons.map((r) => `<li>${e(fill(w.reason, { label: r.label, value: r.value, direction: r.direction === 'against' ? w.raised : w.lowered }))}</li>`).join('')}</ul>`
      : '';
  const reasonBlocks =
    outcome === 'refused' ? [list(w.against, against), list(w.for, inFavour)] : [list(w.for, inFavour), list(w.attention, against)];

  let change = '';
  if (outcome === 'refused') {
    const items = input.counterOffer ? offerItems(input.counterOffer, lang) : [];
    change = `<h2>${e(w.change)}</h2>\n${
      items.length
        ? `<p>${e(w.offerIntro)}</p><ul>${items.map((item) => `<li>${item}</li>`).join(`<li class="or">${e(w.or)}</li>`)}</ul><p>${e(w.offerContact)}</p>`
        : `<p>${e(w.noOffer)}</p>`
    }`;
  }

  const overrideReasons: Readonly<Record<string, string>> = w.overrideReasons;
  const overrideWhy = decision.decision === 'override' && decision.reasonCode ? overrideReasons[decision.reasonCode] : undefined;
  const colon = `${messages(lang).values.colon} `;
  const contact = [
    company.phone ? `<li>${e(w.phone)}${colon}${e(company.phone)}</li>` : '',
    company.email ? `<li>${e(w.email)}${colon}${e(company.email)}</li>` : '',
    company.address.length ? `<li>${company.address.map(e).join(', ')}</li>` : '',
  ].filter(Boolean);

  const body = [
    input.draft ? `<div class="draft">${e(w.draftTitle)}</div>\n<p>${e(w.draftNote)}</p>` : '',
    `<h1>${e(w.title)}</h1>`,
    `<p>${e(w.greeting)}</p>`,
    `<p class="decision">${fill(outcome === 'granted' ? w.granted : w.refused, { what })}</p>`,
    input.draft ? '' : `<p>${e(fill(w.takenBy, { date: formatDate(new Date(decision.recordedAt), lang, 'longDate'), officer: decision.officerName, branch: decision.branch ? `, ${decision.branch}` : '' }))}</p>`,
    input.draft ? '' : `<p>${e(w.how)}</p>`,
    overrideWhy ? `<p>${e(fill(w.override, { why: overrideWhy }))}</p>` : '',
    ...reasonBlocks,
    change,
    `<section class="rights"><h2>${e(w.rightsTitle)}</h2><p>${e(w.rights)}</p>${
      contact.length ? `<p>${e(fill(w.howTo, { ref }))}</p><ul>${contact.join('')}</ul><p>${e(w.branchContact)}</p>` : `<p>${e(fill(w.howToBranch, { ref }))}</p>`
    }</section>`,
    `<p class="signature">${e(w.closing)}</p>`,
    input.draft ? '' : `<p><strong>${e(decision.officerName)}</strong><br>${e(w.officerRole)}${decision.branch ? ` — ${e(decision.branch)}` : ''}</p>`,
    decision.modelVersion ? `<footer>${e(fill(w.footer, { model: decision.modelVersion }))} ${e(company.name)}</footer>` : `<footer>${e(company.name)}</footer>`,
  ].filter(Boolean);

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(input.draft ? w.draftTitle : w.title)} — ${e(ref)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<div class="company"><strong>${e(company.name)}</strong>${company.address.map((line) => `${e(line)}<br>`).join('')}</div>
<div class="meta">${e(formatDate(input.date, lang, 'longDate'))}<br>${e(fill(w.reference, { client: client.id, decision: input.draft ? '' : fill(w.referenceDecision, { decision: decision.decisionId }) }))}</div>
</header>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
