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
  /** The decision letter (model/governance/letters/decision-letter.ts) and main's words around it. */
  letters: {
    saveDialogTitle: 'Save the letter to the client',
    /** Start of the PDF's suggested file name. */
    fileName: 'letter',
    title: 'Your credit application: our decision',
    draftTitle: 'DRAFT — no decision has been recorded yet',
    draftNote: 'This draft states the scoring tool’s assessment. It is not a decision: your adviser will take and sign it.',
    reference: 'Reference: application no. {{client}}{{decision}}',
    referenceDecision: ', decision no. {{decision}}',
    greeting: 'Dear Sir or Madam,',
    asked: 'your credit application for {{amount}}{{term}}',
    term: ' over {{count}} monthly instalments of {{annuity}}',
    /** {{what}} is HTML already escaped; the decision word is in bold. */
    granted: 'We are pleased to inform you that {{what}} has been <strong>granted</strong>.',
    refused: 'Having examined your file, we regret to inform you that {{what}} has been <strong>refused</strong>.',
    yourRequest: 'your credit application',
    /** {{branch}} is ", branch" or empty. */
    takenBy: 'This decision was taken on {{date}} by {{officer}}{{branch}}.',
    how:
      'To prepare it, your adviser used a scoring tool that estimates the risk of repayment difficulties from the information in your ' +
      'file. The tool informs the decision; a person took it.',
    override: 'Your adviser departed from the tool’s assessment after examining your file: {{why}}.',
    /** Why an officer departed from the tool, in words for the client (the codes of contract-applications.ts). */
    overrideReasons: {
      'income-verified': 'your income was verified',
      'income-not-verified': 'your income could not be verified',
      collateral: 'collateral was provided',
      guarantor: 'a guarantor stands for the loan',
      'existing-relationship': 'your history with us',
      'debt-too-high': 'your current debts are too high',
      'incomplete-file': 'your file is incomplete',
      'suspected-fraud': 'some elements of the file could not be confirmed',
      other: 'a review of your particular situation',
    },
    against: 'The main elements that weighed against your application',
    for: 'The main elements in favour of your application',
    attention: 'Elements we paid attention to',
    /** One reason as a sentence about what the client declared (or what their history shows). */
    reason: '{{label}}: {{value}}. This {{direction}} the estimated risk of repayment difficulties.',
    raised: 'raised',
    lowered: 'lowered',
    change: 'What could change the decision',
    offerIntro: 'With everything else unchanged, we could grant you:',
    offerAmount: 'a credit of {{amount}}{{annuity}};',
    offerAmountAnnuity: ' (monthly instalment of {{annuity}}, same term)',
    offerTerm: 'the amount you asked for over {{count}} monthly instalments of {{annuity}}.',
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
    howTo: 'To do so, write to us or call us, quoting reference {{ref}}:',
    howToBranch: 'To do so, ask at your branch or your adviser, quoting reference {{ref}}.',
    phone: 'Phone',
    email: 'Email',
    branchContact: 'or ask at your branch.',
    closing: 'Yours faithfully,',
    officerRole: 'Loan officer',
    footer: 'Scoring tool: model {{model}}.',
  },
  /** A value as people read it (model/explanation/format-value.ts): missing values, units, yes/no. */
  values: {
    /** The colon between a label and its value (French sets a space before it). */
    colon: ':',
    notKnown: 'not known',
    notGiven: 'not given',
    /** A category value outside the fixed vocabulary. */
    anotherValue: 'another value',
    /** A one-hot flag at 0. */
    notCategory: 'not {{option}}',
    yes: 'yes',
    no: 'no',
    times: '{{count}} times',
    dayOfApplication: 'on the day of the application',
    ago: '{{span}} ago',
    inFuture: 'in {{span}}',
    /** A count with its unit: "one" for 1 (in French below 2), "many" otherwise. */
    year: { one: 'year', many: 'years' },
    month: { one: 'month', many: 'months' },
    day: { one: 'day', many: 'days' },
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
  /** The fairness report: protected attributes, their groups, and whether the model reads them. */
  fairness: {
    attributes: { sex: 'Sex', age: 'Age', family: 'Family situation' },
    sex: { F: 'Women', M: 'Men', unknown: 'Not stated' },
    age: {
      '<25': 'Under 25',
      '25-34': '25–34',
      '35-44': '35–44',
      '45-54': '45–54',
      '55-64': '55–64',
      '65+': '65 and over',
      unknown: 'Age not known',
    },
    family: {
      Married: 'Married',
      'Civil marriage': 'Civil marriage',
      'Single / not married': 'Single / not married',
      Separated: 'Separated',
      Widow: 'Widowed',
      unknown: 'Not stated',
    },
    listSeparator: '; ',
    notInput: '{{what}} is not a model input: none of its {{inputs}} inputs is computed from it.',
    isInput:
      '{{what}} IS a model input: {{reading}} of its {{inputs}} inputs are computed from it ({{names}}). The approval rates by group below show its effect on decisions.',
    affordability: ' Household size ({{column}}) is read only through {{measures}}, an affordability measure (model card).',
  },
};
