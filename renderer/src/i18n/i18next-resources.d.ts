/**
 * i18next's typed resources: every namespace's English strings type `t`, so `t('a.typo')` or a key of
 * another namespace fails `npm run typecheck` (https://www.i18next.com/overview/typescript).
 */
import 'i18next';
import type { APP_STRINGS } from '../app/app.i18n';
import type { RESULT_STRINGS } from '../components/result-view.i18n';
import type { CLIENT_STRINGS } from '../pages/client/client.i18n';
import type { COUNTER_OFFER_STRINGS } from '../pages/client/counter-offer.i18n';
import type { DECISION_STRINGS } from '../pages/client/decision.i18n';
import type { FOLLOW_UP_STRINGS } from '../pages/client/follow-up.i18n';
import type { COMPARE_STRINGS } from '../pages/compare/compare.i18n';
import type { DECISIONS_STRINGS } from '../pages/decisions/decisions.i18n';
import type { MODEL_STRINGS } from '../pages/model/model.i18n';
import type { MONITORING_STRINGS } from '../pages/monitoring/monitoring.i18n';
import type { NEW_APPLICATION_STRINGS } from '../pages/new-application/new-application.i18n';
import type { IMPORT_STRINGS } from '../pages/search/import.i18n';
import type { POPULATION_PROGRESS_STRINGS } from '../components/population-progress.i18n';
import type { SEARCH_STRINGS } from '../pages/search/search.i18n';
import type { SIGN_IN_STRINGS } from '../pages/sign-in/sign-in.i18n';
import type { THRESHOLD_STRINGS } from '../pages/threshold/threshold.i18n';
import type { USERS_STRINGS } from '../pages/users/users.i18n';
import type { EN } from '../../../common/messages/en';

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: {
      app: (typeof APP_STRINGS)['en'];
      result: (typeof RESULT_STRINGS)['en'];
      client: (typeof CLIENT_STRINGS)['en'];
      counterOffer: (typeof COUNTER_OFFER_STRINGS)['en'];
      decision: (typeof DECISION_STRINGS)['en'];
      followUp: (typeof FOLLOW_UP_STRINGS)['en'];
      compare: (typeof COMPARE_STRINGS)['en'];
      decisions: (typeof DECISIONS_STRINGS)['en'];
      model: (typeof MODEL_STRINGS)['en'];
      monitoring: (typeof MONITORING_STRINGS)['en'];
      newApplication: (typeof NEW_APPLICATION_STRINGS)['en'];
      import: (typeof IMPORT_STRINGS)['en'];
      populationProgress: (typeof POPULATION_PROGRESS_STRINGS)['en'];
      search: (typeof SEARCH_STRINGS)['en'];
      signIn: (typeof SIGN_IN_STRINGS)['en'];
      threshold: (typeof THRESHOLD_STRINGS)['en'];
      users: (typeof USERS_STRINGS)['en'];
      common: typeof EN;
    };
  }
}
