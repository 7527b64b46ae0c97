/** `octroi users add|list|disable`: local accounts of a database (the first manager of a new database is made here). */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { createUser, disableUser, listUsers, UserError, USER_ROLES, type UserRole } from '../../db/users.js';
import { CliError } from '../cli-error.js';
import { KEY_FILE_OPTION } from '../database-key-for-cli.js';
import { readNewPassword } from '../read-password.js';
import { databaseCommand, openExistingDatabase, withExistingDatabase, type DatabaseCommandOptions } from '../open-database-for-cli.js';

const parseRole = (value: string): UserRole => {
  if (!(USER_ROLES as readonly string[]).includes(value)) throw new InvalidArgumentError(`--role must be one of ${USER_ROLES.join(', ')}, got "${value}".`);
  return value as UserRole;
};

/** Registers `octroi users`. */
export function registerUsers(program: Command): void {
  const users = program.command('users').description('Local accounts of a database: add (password from standard input or a prompt), list, disable.');

  users
    .command('add')
    .description('Create an account. The password is read from standard input (piped) or asked at the terminal — never an argument.')
    .requiredOption('--db <file>', 'the database')
    .option(...KEY_FILE_OPTION)
    .requiredOption('--username <name>', 'user name (letters, digits, . _ -)')
    .requiredOption('--role <role>', `officer or manager`, parseRole)
    .requiredOption('--display-name <text>', 'name shown in the app and in the log')
    .option('--branch <text>', 'branch (agence)', '')
    .action(async (options: { db: string; keyFile?: string; username: string; role: UserRole; displayName: string; branch: string }) => {
      // Opened (key, schema) before the password is asked: a wrong database is said at once.
      const db = await openExistingDatabase(options.db, { writable: true, keyFile: options.keyFile });
      try {
        const password = await readNewPassword(options.username);
        const user = createUser(db, { username: options.username, displayName: options.displayName, role: options.role, branch: options.branch, password });
        process.stdout.write(`Created ${user.role} ${user.username} (${user.displayName}${user.branch ? `, ${user.branch}` : ''}).\n`);
      } catch (error) {
        if (error instanceof UserError) throw new CliError(`${error.field}: ${error.message}`);
        throw error;
      } finally {
        db.close();
      }
    });

  databaseCommand(users, 'list', 'List the accounts (never their passwords).')
    .option('--json', 'print JSON', false)
    .action((options: DatabaseCommandOptions & { json: boolean }) =>
      withExistingDatabase(options, { writable: true }, (db) => {
        const all = listUsers(db);
        if (options.json) process.stdout.write(`${JSON.stringify(all)}\n`);
        else for (const u of all) process.stdout.write(`${u.username}\t${u.role}\t${u.displayName}\t${u.branch}${u.disabledAt ? `\tdisabled ${u.disabledAt}` : ''}\n`);
      }),
    );

  databaseCommand(users, 'disable', 'Disable an account: it can no longer sign in; what it recorded stays attributed to it.')
    .requiredOption('--username <name>', 'the account')
    .action((options: DatabaseCommandOptions & { username: string }) =>
      withExistingDatabase(options, { writable: true }, (db) => {
        try {
          const user = disableUser(db, options.username);
          process.stdout.write(`Disabled ${user.username} (${user.disabledAt}).\n`);
        } catch (error) {
          if (error instanceof UserError) throw new CliError(error.message);
          throw error;
        }
      }),
    );
}
