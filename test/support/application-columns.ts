import { HOME_CREDIT_COLUMNS } from '../../db/home-credit-columns.js';

/**
 * The application table's data-set columns as a SELECT list: a row read with it is the client's
 * application as a form would type it back, without the app's bookkeeping columns (import_file_id).
 */
export const APPLICATION_COLUMNS_SQL = HOME_CREDIT_COLUMNS.application.map(([name]) => `"${name}"`).join(', ');
