/**
 * The screens of the app and their place in the menu. Adding a screen = one entry here (its component
 * renders for its route's `page`). `inMenu: false` for screens reached from another (a client's compare).
 */
import type { ComponentType } from 'react';
import { ClientPage } from '../pages/client/client-page';
import { ComparePage } from '../pages/compare/compare-page';
import { DecisionsPage } from '../pages/decisions/decisions-page';
import { ModelPage } from '../pages/model/model-page';
import { MonitoringPage } from '../pages/monitoring/monitoring-page';
import { NewApplicationPage } from '../pages/new-application/new-application-page';
import { SearchPage } from '../pages/search/search-page';
import { ThresholdPage } from '../pages/threshold/threshold-page';
import { UsersPage } from '../pages/users/users-page';
import type { Route } from './navigation';
import type { APP_STRINGS } from './app.i18n';

/** One screen: which route page it renders, its menu label key (namespace 'app'), and who sees it. */
export interface PageEntry {
  page: Route['page'];
  component: ComponentType;
  /** Key under app:menu.* ; absent = not in the menu. */
  menuKey?: Exclude<keyof (typeof APP_STRINGS)['en']['menu'], 'label'>;
  /** The route the menu item opens. */
  menuRoute?: Route;
  /** Only managers see it in the menu (main checks the role again on every verb). */
  managerOnly?: boolean;
}

export const PAGES: readonly PageEntry[] = [
  { page: 'search', component: SearchPage, menuKey: 'search', menuRoute: { page: 'search' } },
  { page: 'new-application', component: NewApplicationPage, menuKey: 'newApplication', menuRoute: { page: 'new-application' } },
  { page: 'client', component: ClientPage },
  { page: 'compare', component: ComparePage },
  { page: 'threshold', component: ThresholdPage, menuKey: 'threshold', menuRoute: { page: 'threshold' } },
  { page: 'decisions', component: DecisionsPage, menuKey: 'decisions', menuRoute: { page: 'decisions' } },
  { page: 'monitoring', component: MonitoringPage, menuKey: 'monitoring', menuRoute: { page: 'monitoring' }, managerOnly: true },
  { page: 'model', component: ModelPage, menuKey: 'model', menuRoute: { page: 'model' } },
  { page: 'users', component: UsersPage, menuKey: 'users', menuRoute: { page: 'users' }, managerOnly: true },
];
