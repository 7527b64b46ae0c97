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

/** Why an officer departed from the tool, in words for the client (the codes of contract-applications.ts). */
const REASON_CODE_WORDS: Record<string, Record<Lang, string>> = {
  'income-verified': { fr: 'vos revenus ont été vérifiés', en: 'your income was verified' },
  'income-not-verified': { fr: 'vos revenus n’ont pas pu être vérifiés', en: 'your income could not be verified' },
  collateral: { fr: 'une garantie a été apportée', en: 'collateral was provided' },
  guarantor: { fr: 'une personne se porte caution', en: 'a guarantor stands for the loan' },
  'existing-relationship': { fr: 'votre historique avec nous', en: 'your history with us' },
  'debt-too-high': { fr: 'votre endettement est trop élevé', en: 'your current debts are too high' },
  'incomplete-file': { fr: 'votre dossier est incomplet', en: 'your file is incomplete' },
  'suspected-fraud': { fr: 'des éléments du dossier n’ont pas pu être confirmés', en: 'some elements of the file could not be confirmed' },
  other: { fr: 'un examen de votre situation particulière', en: 'a review of your particular situation' },
};

const MONTHS_WORD: Record<Lang, string> = { fr: 'mensualités', en: 'monthly instalments' };

const W = {
  fr: {
    title: 'Votre demande de crédit : notre décision',
    draftTitle: 'PROJET — aucune décision n’est encore enregistrée',
    draftNote:
      'Ce projet reprend l’évaluation de l’outil de score. Il ne constitue pas une décision : celle-ci sera prise et signée par votre conseiller.',
    reference: (client: string, decision: string) => `Référence : demande n° ${client}${decision ? `, décision n° ${decision}` : ''}`,
    greeting: 'Madame, Monsieur,',
    asked: (amount: string, term: string) => `votre demande de crédit de ${amount}${term}`,
    term: (n: string, annuity: string) => ` en ${n} ${MONTHS_WORD.fr} de ${annuity}`,
    granted: (what: string) => `Nous avons le plaisir de vous informer que ${what} est <strong>accordée</strong>.`,
    refused: (what: string) => `Après examen de votre dossier, nous avons le regret de vous informer que ${what} est <strong>refusée</strong>.`,
    yourRequest: 'votre demande de crédit',
    takenBy: (date: string, officer: string, branch: string) => `Cette décision a été prise le ${date} par ${officer}${branch ? `, ${branch}` : ''}.`,
    how:
      'Pour la préparer, votre conseiller s’est appuyé sur un outil de score qui estime le risque de difficultés de remboursement ' +
      'à partir des informations de votre dossier. L’outil éclaire la décision ; c’est une personne qui l’a prise.',
    override: (why: string) => `Votre conseiller s’est écarté de l’évaluation de l’outil après examen de votre dossier : ${why}.`,
    against: 'Les principaux éléments qui ont pesé contre votre demande',
    for: 'Les principaux éléments en faveur de votre demande',
    attention: 'Les éléments qui appellent notre attention',
    /** One reason as a sentence about what the client declared (or what their history shows). */
    reason: (label: string, value: string, raised: boolean) =>
      `${label} : ${value}. Cet élément a ${raised ? 'augmenté' : 'diminué'} le risque estimé de difficultés de remboursement.`,
    change: 'Ce qui pourrait changer la décision',
    offerIntro: 'Toutes choses égales par ailleurs, nous pourrions vous accorder :',
    offerAmount: (amount: string, annuity: string) => `un crédit de ${amount}${annuity ? ` (mensualité de ${annuity}, même durée)` : ''} ;`,
    offerTerm: (n: string, annuity: string) => `le montant demandé sur ${n} ${MONTHS_WORD.fr} de ${annuity}.`,
    or: 'ou',
    offerContact: 'Si l’une de ces propositions vous intéresse, votre conseiller peut l’étudier avec vous.',
    noOffer:
      'Ni un montant plus faible ni une durée plus longue ne suffiraient, seuls, à changer la décision. Un changement de votre situation ' +
      '(revenus, crédits en cours) pourrait le faire : vous pouvez présenter une nouvelle demande.',
    rightsTitle: 'Vos droits',
    rights:
      'Cette décision s’appuie en partie sur un traitement automatisé. Vous avez le droit de demander qu’une personne de notre ' +
      'établissement réexamine votre dossier, de présenter votre point de vue et de contester la décision (Règlement général sur ' +
      'la protection des données, article 22). Vous pouvez aussi obtenir les informations vous concernant que nous avons utilisées, ' +
      'et les faire corriger si elles sont inexactes. Cette démarche est gratuite.',
    howTo: (ref: string) => `Pour l’exercer, écrivez-nous ou appelez-nous en rappelant la référence ${ref} :`,
    howToBranch: (ref: string) => `Pour l’exercer, adressez-vous à votre agence ou à votre conseiller en rappelant la référence ${ref}.`,
    phone: 'Téléphone',
    email: 'Courriel',
    branchContact: 'ou adressez-vous à votre agence.',
    closing: 'Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations distinguées.',
    officerRole: 'Chargé(e) de relation client',
    footer: (model: string) => `Outil de score : modèle ${model}.`,
  },
  en: {
    title: 'Your credit application: our decision',
    draftTitle: 'DRAFT — no decision has been recorded yet',
    draftNote: 'This draft states the scoring tool’s assessment. It is not a decision: your adviser will take and sign it.',
    reference: (client: string, decision: string) => `Reference: application no. ${client}${decision ? `, decision no. ${decision}` : ''}`,
    greeting: 'Dear Sir or Madam,',
    asked: (amount: string, term: string) => `your credit application for ${amount}${term}`,
    term: (n: string, annuity: string) => ` over ${n} ${MONTHS_WORD.en} of ${annuity}`,
    granted: (what: string) => `We are pleased to inform you that ${what} has been <strong>granted</strong>.`,
    refused: (what: string) => `Having examined your file, we regret to inform you that ${what} has been <strong>refused</strong>.`,
    yourRequest: 'your credit application',
    takenBy: (date: string, officer: string, branch: string) => `This decision was taken on ${date} by ${officer}${branch ? `, ${branch}` : ''}.`,
    how:
      'To prepare it, your adviser used a scoring tool that estimates the risk of repayment difficulties from the information in your ' +
      'file. The tool informs the decision; a person took it.',
    override: (why: string) => `Your adviser departed from the tool’s assessment after examining your file: ${why}.`,
    against: 'The main elements that weighed against your application',
    for: 'The main elements in favour of your application',
    attention: 'Elements we paid attention to',
    /** One reason as a sentence about what the client declared (or what their history shows). */
    reason: (label: string, value: string, raised: boolean) =>
      `${label}: ${value}. This ${raised ? 'raised' : 'lowered'} the estimated risk of repayment difficulties.`,
    change: 'What could change the decision',
    offerIntro: 'With everything else unchanged, we could grant you:',
    offerAmount: (amount: string, annuity: string) => `a credit of ${amount}${annuity ? ` (monthly instalment of ${annuity}, same term)` : ''};`,
    offerTerm: (n: string, annuity: string) => `the amount you asked for over ${n} ${MONTHS_WORD.en} of ${annuity}.`,
    or: 'or',
    offerContact: 'If one of these offers suits you, your adviser can go through it with you.',
    noOffer:
      'Neither a smaller amount nor a longer term would, on its own, change the decision. A change in your situation (income, ' +
      'ongoing credits) could: you may submit a new application.',
    rightsTitle: 'Your rights',
    rights:
      'This decision relies in part on automated processing. You have the right to ask for a person in our company to review your ' +
      'file, to give your point of view, and to contest the decision (General Data Protection Regulation, article 22). You can also ' +
      'obtain the information about you that we used, and have it corrected if it is wrong. This costs you nothing.',
    howTo: (ref: string) => `To do so, write to us or call us, quoting reference ${ref}:`,
    howToBranch: (ref: string) => `To do so, ask at your branch or your adviser, quoting reference ${ref}.`,
    phone: 'Phone',
    email: 'Email',
    branchContact: 'or ask at your branch.',
    closing: 'Yours faithfully,',
    officerRole: 'Loan officer',
    footer: (model: string) => `Scoring tool: model ${model}.`,
  },
} as const;

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
  const w = W[lang];
  const items: string[] = [];
  const amount: OfferSearch = offer.amount;
  const duration: OfferSearch = offer.duration;
  if (amount.status === 'offer') {
    const annuity = amount.offer.annuity === null ? '' : formatMoney(amount.offer.annuity, lang);
    items.push(w.offerAmount(escapeHtml(formatMoney(amount.offer.credit, lang)), escapeHtml(annuity)));
  }
  if (duration.status === 'offer' && duration.offer.annuity !== null && duration.offer.term !== null) {
    items.push(w.offerTerm(escapeHtml(formatNumber(Math.round(duration.offer.term), lang, 0)), escapeHtml(formatMoney(duration.offer.annuity, lang))));
  }
  return items;
}

/** The letter as one HTML page. */
export function buildDecisionLetterHtml(input: DecisionLetterInput): string {
  const { lang, decision, company, client } = input;
  const w = W[lang];
  const outcome = finalOutcome(decision);
  const ref = `${client.id}${input.draft ? '' : `-${decision.decisionId}`}`;
  const e = escapeHtml;

  const termText =
    client.credit !== null && client.annuity !== null && client.annuity > 0
      ? w.term(e(formatNumber(Math.round(client.credit / client.annuity), lang, 0)), e(formatMoney(client.annuity, lang)))
      : '';
  const what = client.credit !== null ? w.asked(e(formatMoney(client.credit, lang)), termText) : w.yourRequest;
  const against = input.reasons.filter((r) => r.direction === 'against').slice(0, LETTER_REASONS);
  const inFavour = input.reasons.filter((r) => r.direction === 'for').slice(0, LETTER_REASONS);
  const list = (title: string, reasons: Reason[]) =>
    reasons.length
      ? `<h2>${e(title)}</h2>\n<ul>${reasons.map((r) => `<li>${e(w.reason(r.label, r.value, r.direction === 'against'))}</li>`).join('')}</ul>`
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

  const overrideWhy = decision.decision === 'override' && decision.reasonCode ? REASON_CODE_WORDS[decision.reasonCode]?.[lang] : undefined;
  const colon = lang === 'fr' ? ' : ' : ': ';
  const contact = [
    company.phone ? `<li>${e(w.phone)}${colon}${e(company.phone)}</li>` : '',
    company.email ? `<li>${e(w.email)}${colon}${e(company.email)}</li>` : '',
    company.address.length ? `<li>${company.address.map(e).join(', ')}</li>` : '',
  ].filter(Boolean);

  const body = [
    input.draft ? `<div class="draft">${e(w.draftTitle)}</div>\n<p>${e(w.draftNote)}</p>` : '',
    `<h1>${e(w.title)}</h1>`,
    `<p>${e(w.greeting)}</p>`,
    `<p class="decision">${outcome === 'granted' ? w.granted(what) : w.refused(what)}</p>`,
    input.draft ? '' : `<p>${e(w.takenBy(formatDate(new Date(decision.recordedAt), lang, 'longDate'), decision.officerName, decision.branch))}</p>`,
    input.draft ? '' : `<p>${e(w.how)}</p>`,
    overrideWhy ? `<p>${e(w.override(overrideWhy))}</p>` : '',
    ...reasonBlocks,
    change,
    `<section class="rights"><h2>${e(w.rightsTitle)}</h2><p>${e(w.rights)}</p>${
      contact.length ? `<p>${e(w.howTo(ref))}</p><ul>${contact.join('')}</ul><p>${e(w.branchContact)}</p>` : `<p>${e(w.howToBranch(ref))}</p>`
    }</section>`,
    `<p class="signature">${e(w.closing)}</p>`,
    input.draft ? '' : `<p><strong>${e(decision.officerName)}</strong><br>${e(w.officerRole)}${decision.branch ? ` — ${e(decision.branch)}` : ''}</p>`,
    decision.modelVersion ? `<footer>${e(w.footer(decision.modelVersion))} ${e(company.name)}</footer>` : `<footer>${e(company.name)}</footer>`,
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
<div class="meta">${e(formatDate(input.date, lang, 'longDate'))}<br>${e(w.reference(String(client.id), input.draft ? '' : String(decision.decisionId)))}</div>
</header>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}
