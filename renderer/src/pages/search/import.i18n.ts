import { addStrings, type Strings } from '../../i18n/i18n';

/** The import namespace, in both languages (its English shape types `t` for this namespace). */
export const IMPORT_STRINGS = {
  fr: {
    heading: 'Importer des fichiers Home Credit',
    hint: 'Fichiers CSV au format Home Credit (application_train.csv, bureau.csv…). Les fichiers déjà importés sont ignorés ; les lignes non valides sont écrites dans un rapport, rien d’autre n’est perdu.',
    start: 'Choisir des fichiers CSV…',
    running: 'Import en cours…',
    progress: 'Fichier {{index}} sur {{count}} : {{file}} ({{table}}) — {{phase}} {{percent}}, {{rows}} lignes',
    phases: { hashing: 'vérification', loading: 'chargement', done: 'terminé', failed: 'échec' },
    done: 'Import terminé.',
    failed: 'L’import a échoué : {{message}}',
    table: { name: 'Table', read: 'Lignes lues', imported: 'Importées', rejected: 'Rejetées' },
    rejects: 'Rapport des lignes rejetées : {{path}}',
    refused: 'Fichiers refusés en entier',
    skipped_one: '{{count}} fichier ignoré (déjà importé ou hors format)',
    skipped_other: '{{count}} fichiers ignorés (déjà importés ou hors format)',
    nothing: 'Aucune ligne nouvelle.',
  },
  en: {
    heading: 'Import Home Credit files',
    hint: 'CSV files in the Home Credit format (application_train.csv, bureau.csv…). Files already imported are skipped; invalid rows are written to a report, nothing else is lost.',
    start: 'Choose CSV files…',
    running: 'Importing…',
    progress: 'File {{index}} of {{count}}: {{file}} ({{table}}) — {{phase}} {{percent}}, {{rows}} rows',
    phases: { hashing: 'checking', loading: 'loading', done: 'done', failed: 'failed' },
    done: 'Import finished.',
    failed: 'The import failed: {{message}}',
    table: { name: 'Table', read: 'Rows read', imported: 'Imported', rejected: 'Rejected' },
    rejects: 'Report of the rejected rows: {{path}}',
    refused: 'Files refused whole',
    skipped_one: '{{count}} file skipped (already imported or not in the format)',
    skipped_other: '{{count}} files skipped (already imported or not in the format)',
    nothing: 'No new row.',
  },
} satisfies Strings;

addStrings('import', IMPORT_STRINGS);
