import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dbArgument, resolveAppPaths, type AppFacts } from '../../electron/main/app-paths.js';

const facts = (over: Partial<AppFacts> = {}): AppFacts => ({
  argv: ['/opt/Octroi/octroi'],
  env: {},
  isPackaged: true,
  userData: '/home/anne/.config/Octroi',
  resourcesPath: '/opt/Octroi/resources',
  appRoot: '/opt/Octroi/resources/app.asar',
  ...over,
});

describe('resolveAppPaths', () => {
  it('packaged: database in userData, model from the installer resources, renderer and preload in the app', () => {
    expect(resolveAppPaths(facts())).toEqual({
      dbPath: path.resolve('/home/anne/.config/Octroi/octroi.db'),
      dbSource: 'userData',
      modelPath: path.resolve('/opt/Octroi/resources/model/model.onnx'),
      rendererDir: path.join('/opt/Octroi/resources/app.asar', 'renderer', 'dist'),
      preloadPath: path.join('/opt/Octroi/resources/app.asar', 'dist-electron', 'preload.cjs'),
    });
  });

  it('development: the model from model/artifacts of the repository', () => {
    const paths = resolveAppPaths(facts({ isPackaged: false, appRoot: '/src/octroi' }));
    expect(paths.modelPath).toBe(path.resolve('/src/octroi/model/artifacts/model.onnx'));
  });

  it('OCTROI_DB overrides userData, --db overrides both', () => {
    expect(resolveAppPaths(facts({ env: { OCTROI_DB: '/data/branch.db' } }))).toMatchObject({ dbPath: path.resolve('/data/branch.db'), dbSource: 'OCTROI_DB' });
    expect(resolveAppPaths(facts({ argv: ['octroi', '--db', '/x/a.db'], env: { OCTROI_DB: '/data/branch.db' } }))).toMatchObject({
      dbPath: path.resolve('/x/a.db'),
      dbSource: '--db',
    });
    expect(resolveAppPaths(facts({ env: { OCTROI_DB: '   ' } })).dbSource).toBe('userData');
  });

  it('OCTROI_MODEL overrides the shipped model', () => {
    expect(resolveAppPaths(facts({ env: { OCTROI_MODEL: '/models/v2.onnx' } })).modelPath).toBe(path.resolve('/models/v2.onnx'));
  });
});

describe('dbArgument', () => {
  it('reads both forms', () => {
    expect(dbArgument(['app', '--db', 'a.db'])).toBe('a.db');
    expect(dbArgument(['app', '--db=b.db'])).toBe('b.db');
    expect(dbArgument(['app', '--other'])).toBeUndefined();
  });

  it.each([[['app', '--db']], [['app', '--db', '--lang']], [['app', '--db=']]])('names the problem when the path is missing (%j)', (argv) => {
    expect(() => dbArgument(argv)).toThrow(/--db=? needs a path to a database file/);
  });
});
