/**
 * Where the officer is: one route at a time, kept in memory (an Electron window has no address bar, and
 * the preview's URL fragment carries its token). Screens move with `go`; Back returns to the previous route.
 */
import { createContext, useContext } from 'react';

/** Every screen of the app, with what it is about. */
export type Route =
  | { page: 'search' }
  | { page: 'client'; clientId: number }
  | { page: 'compare'; clientId: number }
  | { page: 'threshold'; clientId?: number }
  | { page: 'new-application' }
  | { page: 'decisions'; clientId?: number }
  | { page: 'monitoring' }
  | { page: 'model' }
  | { page: 'users' };

/** The navigation state given to every screen. */
export interface Navigation {
  route: Route;
  go(route: Route): void;
  back(): void;
  /** Clients opened in this session, most recent first (the search screen lists them). */
  recentClients: readonly number[];
}

export const NavigationContext = createContext<Navigation | null>(null);

/** The navigation of the app (inside <App>). */
export function useNavigation(): Navigation {
  const navigation = useContext(NavigationContext);
  if (!navigation) throw new Error('useNavigation outside <App>');
  return navigation;
}
