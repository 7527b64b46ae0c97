/**
 * English text of main, the CLI and letters that is not the renderer's own (the renderer keeps its
 * screens' strings beside them, in *.i18n.ts). fr.ts must have exactly these keys: its type says so.
 * `{{name}}` marks a value put in by `message()` (the same syntax as i18next, which reads this too).
 */
export const EN = {
  /** Words of `octroi score`'s report. */
  score: {
    client: 'Client',
    probability: 'Probability of default',
    threshold: 'threshold',
    decision: 'Decision',
    band: 'band',
    model: 'Model',
    granted: 'granted',
    refused: 'refused',
    against: 'Reasons against (raise the risk):',
    for: 'Reasons for (lower the risk):',
    none: '  (none)',
    counterOffer: 'Counter-offer (everything else unchanged):',
    amount: 'Amount',
    term: 'Term',
    sameTerm: 'same term',
    sameAmount: 'same amount',
    instalment: 'instalment',
    instalments: 'instalments of',
    noOffer: 'none',
    colon: ':',
    noOfferReasons: {
      'not-granted-within-bounds': 'not granted at any amount or term within the bounds',
      'at-smallest-amount': 'the amount asked is already the smallest offered',
      'at-longest-term': 'the term asked is already the longest offered',
      'no-credit-amount': 'the application has no credit amount',
      'no-instalment': 'the application has no instalment',
    },
  },
  /** Main's words for a letter. */
  letters: {
    saveDialogTitle: 'Save the letter to the client',
  },
  /**
   * Why this workstation refuses to score, by reason (model/keys/trusted-keys.ts ScoringDisabledReason):
   * main's refusal of every verb that needs the model, and the window's banner. For IT, in words.
   */
  scoringDisabled: {
    'no-trusted-key':
      "No trusted model key is installed on this workstation: IT must deploy the bank's public key in {{folder}} or set OCTROI_TRUSTED_KEYS. Scoring is disabled until then.",
    'demo-key-model':
      "The model in use is signed with the DEMO key, which an installed Octroi never trusts: IT must install a model signed with the bank's key (octroi model install), whose public key is deployed in {{folder}} or set in OCTROI_TRUSTED_KEYS. Scoring is disabled until then.",
    'untrusted-model-key':
      "The model in use is signed with key {{keyId}}, which is not trusted on this workstation: IT must deploy the bank's public key in {{folder}} or set OCTROI_TRUSTED_KEYS, or install a model signed with the bank's key (octroi model install). Scoring is disabled until then.",
  },
  /** Names of the groups population plots split clients into. */
  groups: {
    all: 'All clients',
    granted: 'Granted',
    refused: 'Refused',
    defaulted: 'Defaulted',
    repaid: 'Repaid',
    unknown: 'Outcome unknown',
    A: 'Band A',
    B: 'Band B',
    C: 'Band C',
    D: 'Band D',
    E: 'Band E',
  },
};
