/**
 * The FIXED vocabulary of the application's text columns, written from the values of the real data set
 * (the full public data, checked against real rows by test/real-data/features-real.test.ts). A model input must not depend on
 * which values happen to occur in the rows being exported, so the encoding never learns from the data.
 *
 * Encoding rules, identical for every column here:
 * - NULL / empty, or a value listed in `missingValues` → every flag of the column is NaN (unknown, not "no");
 * - a value listed in an option → that option's flag 1, the others 0;
 * - a value outside the vocabulary → every flag 0 (it is none of the known categories).
 */
import type { Label } from './feature-spec.js';

/** One flag of a one-hot encoded column: the values that set it. */
export interface CategoryOption {
  /** Suffix of the feature name, UPPER_SNAKE. */
  key: string;
  values: readonly string[];
  label: Label;
}

/** A nominal text column encoded as one flag per option. */
export interface OneHotColumn {
  column: string;
  /** Prefix of the feature names (usually the column name). */
  prefix: string;
  /** What the column is about, used in the flags' labels ("Income type is Working"). */
  title: Label;
  options: readonly CategoryOption[];
  /**
   * Values known to the vocabulary that get no flag of their own: the reference level of a two-valued
   * column (a second flag would only repeat the first and split its explanation in two).
   */
  reference?: readonly string[];
  /** How people read the reference level (the category of a client whose flags are all 0). */
  referenceLabel?: Label;
  missingValues?: readonly string[];
}

const o = (key: string, values: string | readonly string[], en: string, fr: string): CategoryOption => ({
  key,
  values: typeof values === 'string' ? [values] : values,
  label: { en, fr },
});

/** The ordered levels of NAME_EDUCATION_TYPE (encoded 0..4: more education, higher number). */
export const EDUCATION_LEVELS: ReadonlyArray<{ value: string; label: Label }> = [
  { value: 'Lower secondary', label: { en: 'Lower secondary', fr: 'Secondaire inférieur' } },
  { value: 'Secondary / secondary special', label: { en: 'Secondary', fr: 'Secondaire' } },
  { value: 'Incomplete higher', label: { en: 'Incomplete higher education', fr: 'Supérieur inachevé' } },
  { value: 'Higher education', label: { en: 'Higher education', fr: 'Enseignement supérieur' } },
  { value: 'Academic degree', label: { en: 'Academic degree', fr: 'Grade universitaire' } },
];

/** Y/N and Yes/No columns encoded as 0/1 flags (other values → NaN). */
export const YES_NO_VALUES: Readonly<Record<string, number>> = { Y: 1, N: 0, Yes: 1, No: 0 };

/*
 * ORGANIZATION_TYPE has 58 values, 24 of them anonymised sub-types ("Industry: type 9", "Trade: type 4")
 * and many held by fewer than 0.2 % of clients. They are grouped into 16 sectors: a sector keeps what
 * predicts (no employer, public sector and security forces vs business, self-employed), gives reasons a
 * loan officer can read ("Employer sector: Industry" rather than "type 9"), and keeps rare values from
 * becoming one-client flags that the trees would overfit.
 */
const typed = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}: type ${i + 1}`);

/** The nominal application columns, one-hot encoded, in feature order. */
export const ONE_HOT_COLUMNS: readonly OneHotColumn[] = [
  {
    column: 'NAME_CONTRACT_TYPE',
    prefix: 'NAME_CONTRACT_TYPE',
    title: { en: 'Contract type', fr: 'Type de contrat' },
    reference: ['Cash loans'],
    referenceLabel: { en: 'Cash loan', fr: 'Prêt personnel' },
    options: [o('REVOLVING_LOANS', 'Revolving loans', 'Revolving credit', 'Crédit renouvelable')],
  },
  {
    column: 'NAME_INCOME_TYPE',
    prefix: 'NAME_INCOME_TYPE',
    title: { en: 'Income type', fr: 'Type de revenus' },
    options: [
      // A client on maternity leave is an employee: pregnancy is a ground of Code pénal art. 225-1, so the
      // leave must not set a flag of its own (nor share one with unemployment).
      o('WORKING', ['Working', 'Maternity leave'], 'Employee', 'Salarié'),
      o('COMMERCIAL_ASSOCIATE', 'Commercial associate', 'Commercial associate', 'Associé commercial'),
      o('PENSIONER', 'Pensioner', 'Pensioner', 'Retraité'),
      o('STATE_SERVANT', 'State servant', 'State servant', 'Fonctionnaire'),
      // Each of these is held by fewer than 25 of 307,511 real clients: one flag for all of them.
      o('OTHER', ['Unemployed', 'Student', 'Businessman'], 'Other (unemployed, student, business owner)', 'Autre (sans emploi, étudiant, chef d’entreprise)'),
    ],
  },
  {
    column: 'NAME_HOUSING_TYPE',
    prefix: 'NAME_HOUSING_TYPE',
    title: { en: 'Housing', fr: 'Logement' },
    options: [
      o('HOUSE_APARTMENT', 'House / apartment', 'House or apartment', 'Maison ou appartement'),
      o('WITH_PARENTS', 'With parents', 'With parents', 'Chez ses parents'),
      o('MUNICIPAL_APARTMENT', 'Municipal apartment', 'Municipal apartment', 'Logement municipal'),
      o('RENTED_APARTMENT', 'Rented apartment', 'Rented apartment', 'Location'),
      o('OFFICE_APARTMENT', 'Office apartment', 'Company housing', 'Logement de fonction'),
      o('CO_OP_APARTMENT', 'Co-op apartment', 'Co-op apartment', 'Logement coopératif'),
    ],
  },
  {
    column: 'OCCUPATION_TYPE',
    prefix: 'OCCUPATION_TYPE',
    title: { en: 'Occupation', fr: 'Profession' },
    options: [
      o('LABORERS', 'Laborers', 'Laborer', 'Ouvrier'),
      o('SALES_STAFF', 'Sales staff', 'Sales staff', 'Vendeur'),
      o('CORE_STAFF', 'Core staff', 'Office staff', 'Employé'),
      o('MANAGERS', 'Managers', 'Manager', 'Cadre'),
      o('DRIVERS', 'Drivers', 'Driver', 'Chauffeur'),
      o('HIGH_SKILL_TECH_STAFF', 'High skill tech staff', 'Skilled technician', 'Technicien qualifié'),
      o('ACCOUNTANTS', 'Accountants', 'Accountant', 'Comptable'),
      o('MEDICINE_STAFF', 'Medicine staff', 'Medical staff', 'Personnel médical'),
      o('SECURITY_STAFF', 'Security staff', 'Security staff', 'Agent de sécurité'),
      o('COOKING_STAFF', 'Cooking staff', 'Cook', 'Cuisinier'),
      o('CLEANING_STAFF', 'Cleaning staff', 'Cleaner', "Agent d'entretien"),
      o('PRIVATE_SERVICE_STAFF', 'Private service staff', 'Personal services', 'Services à la personne'),
      o('LOW_SKILL_LABORERS', 'Low-skill Laborers', 'Unskilled laborer', 'Ouvrier non qualifié'),
      o('SECRETARIES', 'Secretaries', 'Secretary', 'Secrétaire'),
      o('WAITERS_BARMEN_STAFF', 'Waiters/barmen staff', 'Waiter or bartender', 'Serveur ou barman'),
      o('REALTY_AGENTS', 'Realty agents', 'Real-estate agent', 'Agent immobilier'),
      o('HR_STAFF', 'HR staff', 'Human resources', 'Ressources humaines'),
      o('IT_STAFF', 'IT staff', 'IT staff', 'Informaticien'),
    ],
  },
  {
    column: 'ORGANIZATION_TYPE',
    prefix: 'ORGANIZATION_SECTOR',
    title: { en: 'Employer sector', fr: "Secteur de l'employeur" },
    options: [
      o('BUSINESS', ['Business Entity Type 1', 'Business Entity Type 2', 'Business Entity Type 3'], 'Business', 'Entreprise'),
      o('SELF_EMPLOYED', 'Self-employed', 'Self-employed', 'Indépendant'),
      o('NONE', 'XNA', 'None (pensioner or unemployed)', 'Aucun (retraité ou sans emploi)'),
      o('OTHER', 'Other', 'Other', 'Autre'),
      o('MEDICINE', 'Medicine', 'Health care', 'Santé'),
      o('EDUCATION', ['School', 'Kindergarten', 'University'], 'Education', 'Enseignement'),
      o('PUBLIC_ADMINISTRATION', ['Government', 'Postal'], 'Public administration', 'Administration publique'),
      o(
        'SECURITY_FORCES',
        ['Military', 'Police', 'Security Ministries', 'Emergency'],
        'Army, police, emergency services',
        'Armée, police, secours',
      ),
      o('TRADE', typed('Trade', 7), 'Trade', 'Commerce'),
      o('INDUSTRY', [...typed('Industry', 13), 'Electricity'], 'Industry and energy', 'Industrie et énergie'),
      o('CONSTRUCTION', 'Construction', 'Construction', 'Construction'),
      o('TRANSPORT', typed('Transport', 4), 'Transport', 'Transport'),
      o('FINANCE', ['Bank', 'Insurance'], 'Banking and insurance', 'Banque et assurance'),
      o('REAL_ESTATE', ['Housing', 'Realtor'], 'Housing and real estate', 'Logement et immobilier'),
      o(
        'SERVICES',
        [
          'Services', 'Restaurant', 'Hotel', 'Cleaning', 'Security', 'Culture', 'Legal Services', 'Advertising',
          'Mobile', 'Telecom', 'Religion',
        ],
        'Services',
        'Services',
      ),
      o('AGRICULTURE', 'Agriculture', 'Agriculture', 'Agriculture'),
    ],
  },
];

/**
 * Text columns that are collected and stored but are NO model input (excluded-inputs.ts says why): family
 * status (asked, and monitored by fairness) and who accompanied the applicant. Their vocabulary still
 * validates what the form and the importer accept.
 */
export const STORED_CATEGORY_COLUMNS: readonly OneHotColumn[] = [
  {
    column: 'NAME_FAMILY_STATUS',
    prefix: 'NAME_FAMILY_STATUS',
    title: { en: 'Family status', fr: 'Situation familiale' },
    missingValues: ['Unknown'],
    options: [
      o('MARRIED', 'Married', 'Married', 'Marié'),
      o('SINGLE', 'Single / not married', 'Single', 'Célibataire'),
      o('CIVIL_MARRIAGE', 'Civil marriage', 'Civil partnership', 'Union civile'),
      o('SEPARATED', 'Separated', 'Separated', 'Séparé'),
      o('WIDOW', 'Widow', 'Widowed', 'Veuf ou veuve'),
    ],
  },
  {
    column: 'NAME_TYPE_SUITE',
    prefix: 'NAME_TYPE_SUITE',
    title: { en: 'Accompanied by', fr: 'Accompagné par' },
    options: [
      o('UNACCOMPANIED', 'Unaccompanied', 'Nobody (came alone)', 'Personne (venu seul)'),
      o('FAMILY', 'Family', 'Family', 'La famille'),
      o('SPOUSE_PARTNER', 'Spouse, partner', 'Spouse or partner', 'Le conjoint'),
      o('CHILDREN', 'Children', 'Children', 'Les enfants'),
      o('OTHER', ['Other_A', 'Other_B', 'Group of people'], 'Other people', "D'autres personnes"),
    ],
  },
];

/** Every text column with a fixed vocabulary: the model's inputs, then the stored-only ones. */
export const CATEGORY_COLUMNS: readonly OneHotColumn[] = [...ONE_HOT_COLUMNS, ...STORED_CATEGORY_COLUMNS];
