/** Handlers of sign-in (status, sign in/out, lock) and accounts (list, create, disable: managers only). */
import { lockAfterMinutes } from '../../../db/app-settings.js';
import { demoSignInRefusal } from '../../../demo/demo-accounts.js';
import { demoKeyTrusted, trustedPublicKeys } from '../../../model/keys/trusted-keys.js';
import { authenticate, countUsers, createUser, disableUser, listUsers, UserError, type AppUser } from '../../../db/users.js';
import { DomainError } from '../../shared/errors.js';
import type { IpcRouter } from '../ipc-handle.js';
import { SignInThrottle, waitInWords } from '../sign-in-throttle.js';
import { requireUser, sessionIdle, type HandlerServices, type SessionUser } from './handler-services.js';

/** The one message for an unknown name and a wrong password: it must not tell which. */
export const WRONG_CREDENTIALS = 'Wrong user name or password.';

const sessionUser = (user: AppUser): SessionUser => ({
  userId: user.userId,
  username: user.username,
  displayName: user.displayName,
  role: user.role,
  branch: user.branch,
});

/** A UserError of db/users.ts as the contract's error. */
function domainError(error: unknown): never {
  if (error instanceof UserError) throw new DomainError(error.code, error.message, [{ path: error.field, message: error.message }]);
  throw error;
}

/** Registers auth:status, auth:signIn, auth:signOut, auth:lock, users:list, users:create and users:disable. */
export function registerAuthHandlers(router: IpcRouter, services: HandlerServices, throttle = new SignInThrottle()): void {
  const { session } = services;
  const signOut = () => {
    session.user = null;
    session.lastActivity = undefined;
    return {};
  };

  router.handle('auth:status', () => {
    if (session.user && sessionIdle(session)) signOut();
    return {
      user: session.user,
      lockAfterMinutes: lockAfterMinutes(services.db),
      hasUsers: countUsers(services.db) > 0,
      demoKeyTrusted: demoKeyTrusted(services.models?.trustedKeys ?? trustedPublicKeys()),
      scoringDisabled: services.scoringDisabled ?? null,
    };
  });

  router.handle('auth:signIn', ({ username, password }) => {
    const wait = throttle.waitMs(username);
    if (wait > 0) throw new DomainError('unauthenticated', `Too many failed sign-ins for this account: try again in ${waitInWords(wait)}.`);
    const result = authenticate(services.db, username, password);
    if (result.status === 'invalid') {
      const imposed = throttle.fail(username);
      throw new DomainError('unauthenticated', imposed > 0 ? `${WRONG_CREDENTIALS} Too many failures: wait ${waitInWords(imposed)} before trying again.` : WRONG_CREDENTIALS);
    }
    if (result.status === 'disabled') throw new DomainError('unauthenticated', 'This account is disabled: ask a manager.');
    const demoRefusal = demoSignInRefusal(services.db, username, password);
    if (demoRefusal) {
      services.logger?.warn('sign-in refused: a DEMO account in a database that is not a demo database', { username: result.user.username, db: services.dbPath });
      throw new DomainError('forbidden', demoRefusal);
    }
    throttle.succeed(username);
    session.user = sessionUser(result.user);
    session.lastActivity = Date.now();
    session.lockAfterMs = lockAfterMinutes(services.db) * 60_000;
    return session.user;
  });

  router.handle('auth:signOut', signOut);
  router.handle('auth:lock', signOut);

  router.handle('users:list', () => {
    requireUser(services, 'manager');
    return { users: listUsers(services.db) };
  });

  router.handle('users:create', (request) => {
    requireUser(services, 'manager');
    try {
      return createUser(services.db, request);
    } catch (error) {
      return domainError(error);
    }
  });

  router.handle('users:disable', ({ username }) => {
    const manager = requireUser(services, 'manager');
    if (manager.username.toLowerCase() === username.toLowerCase()) throw new DomainError('validation', 'You cannot disable your own account.');
    try {
      return disableUser(services.db, username);
    } catch (error) {
      return domainError(error);
    }
  });
}
