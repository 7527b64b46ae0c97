/**
 * electron-builder.yml: valid for electron-builder's own schema, native code and the workers unpacked
 * from the asar, the signed model shipped as resources, no secret inline, every packaged path produced
 * by the builds, the fuses flipped by electron-builder's own electronFuses setting.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown };
const minimatch = require('minimatch') as (file: string, pattern: string, options?: { dot?: boolean }) => boolean;
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, logger: { isEnabled: boolean; add(): void }): Promise<void>;
};

interface BuilderConfig {
  files: string[];
  asar: unknown;
  asarUnpack: string[];
  extraResources: Array<{ from: string; to: string; filter: string[] }>;
  afterPack?: string;
  electronFuses: Record<string, boolean>;
  extraMetadata: { main: string };
  win: { signExts: string[]; signtoolOptions: Record<string, unknown>; target: Array<{ target: string }> };
  nsis: Record<string, unknown>;
  mac: { hardenedRuntime: boolean; entitlements: string; entitlementsInherit: string; notarize: boolean; target: Array<{ target: string }> };
  linux: { category: string; target: Array<{ target: string }> };
  publish: unknown;
}

const TEXT = fs.readFileSync(path.join(REPO_ROOT, 'electron-builder.yml'), 'utf8');
const config = yaml.load(TEXT) as BuilderConfig;
const OUT = path.join(REPO_ROOT, '.cache', `builder-config-test-${process.pid}`, 'dist-electron');
const unpacked = (file: string) => config.asarUnpack.some((pattern) => minimatch(file, pattern, { dot: true }));

beforeAll(() => {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'build', 'build-electron.mjs'), '--out', OUT], { cwd: REPO_ROOT });
});
afterAll(() => fs.rmSync(path.dirname(OUT), { recursive: true, force: true }));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own configuration schema', async () => {
    await expect(validateConfiguration(structuredClone(config), { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('unpacks every native addon and onnxruntime’s shared libraries, on every platform', () => {
    expect(config.asar).toBe(true);
    for (const file of [
      'node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime_binding.node',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/onnxruntime.dll',
      'node_modules/onnxruntime-node/bin/napi-v6/win32/x64/DirectML.dll',
      'node_modules/onnxruntime-node/bin/napi-v6/linux/x64/libonnxruntime.so.1',
      'node_modules/onnxruntime-node/bin/napi-v6/darwin/arm64/libonnxruntime.1.30.0.dylib',
    ]) {
      expect(unpacked(file), file).toBe(true);
    }
    // The real files of the installed packages too (not only the names above).
    const bin = path.join(REPO_ROOT, 'node_modules/onnxruntime-node/bin');
    for (const file of fs.readdirSync(bin, { recursive: true }).map(String)) {
      if (fs.statSync(path.join(bin, file)).isFile()) expect(unpacked(`node_modules/onnxruntime-node/bin/${file.split(path.sep).join('/')}`), file).toBe(true);
    }
  });

  it('unpacks the worker threads and what they import, and keeps main and the preload inside the asar', () => {
    for (const file of fs.readdirSync(path.join(OUT, 'runtime'), { recursive: true }).map(String)) {
      expect(unpacked(`dist-electron/runtime/${file.split(path.sep).join('/')}`), file).toBe(true);
    }
    for (const file of ['node_modules/onnxruntime-node/dist/index.js', 'node_modules/onnxruntime-common/dist/cjs/index.js', 'node_modules/better-sqlite3/lib/index.js', 'node_modules/bindings/bindings.js', 'node_modules/file-uri-to-path/index.js']) {
      expect(unpacked(file), file).toBe(true);
    }
    // Integrity validation and OnlyLoadAppFromAsar protect what is inside the asar: the entry points stay there.
    expect(unpacked('dist-electron/main.cjs')).toBe(false);
    expect(unpacked('dist-electron/preload.cjs')).toBe(false);
    expect(unpacked('renderer/dist/index.html')).toBe(false);
  });

  it('ships the model with its signature and card as resources (resources/model/)', () => {
    expect(config.extraResources).toEqual([{ from: 'model/artifacts', to: 'model', filter: ['model.onnx', 'model.onnx.sig', 'model-card.md'] }]);
    for (const file of config.extraResources[0]!.filter) expect(fs.existsSync(path.join(REPO_ROOT, 'model/artifacts', file)), file).toBe(true);
  });

  it('packages files the builds produce: the bundles, their runtime files, the renderer', () => {
    expect(config.extraMetadata.main).toBe('dist-electron/main.cjs');
    const included = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(included).toEqual(['package.json', 'dist-electron/**', 'renderer/dist/**']);
    expect(fs.existsSync(path.join(REPO_ROOT, 'package.json'))).toBe(true);
    for (const file of ['main.cjs', 'preload.cjs', 'runtime/profile.json', 'runtime/HomeCredit_columns_description.csv', 'runtime/onnx-scoring-worker.mjs']) {
      expect(fs.existsSync(path.join(OUT, file)), file).toBe(true);
    }
    // renderer/dist is vite's output (renderer/vite.config.ts); the renderer's own build is tested elsewhere.
    expect(fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'vite.config.ts'), 'utf8')).toMatch(/outDir:\s*'dist'/);
    // Files main reads at run time through db/ and model/ are in runtime/, never left out of the package.
    expect(config.files.some((p) => p.startsWith('!') && minimatch('dist-electron/runtime/profile.json', p.slice(1)))).toBe(false);
  });

  it('holds no secret: signing comes from the environment only', () => {
    expect(TEXT).not.toMatch(/^\s*(certificatePassword|certificateFile|certificateSha1|certificateSubjectName|password|appleIdPassword|cscLink|cscKeyPassword)\s*:/im);
    expect(TEXT).not.toMatch(/\.(pfx|p12)\b(?!\s*in CSC)/i);
    expect(config.win.signtoolOptions).toEqual({ signingHashAlgorithms: ['sha256'], rfc3161TimeStampServer: 'http://timestamp.digicert.com' });
    expect(config.win.signExts).toEqual(['.node', '.dll']);
    expect(config.publish).toBeNull();
  });

  it('builds the installers IT asked for', () => {
    expect(config.win.target.map((t) => t.target)).toEqual(['nsis']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: true, allowToChangeInstallationDirectory: true, deleteAppDataOnUninstall: false });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, notarize: true, entitlements: 'build/entitlements.mac.plist', entitlementsInherit: 'build/entitlements.mac.plist' });
    expect(config.mac.target.map((t) => t.target)).toEqual(['dmg']);
    expect(config.linux.category).toBe('Finance');
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    const entitlements = fs.readFileSync(path.join(REPO_ROOT, config.mac.entitlements), 'utf8').replace(/<!--[\s\S]*?-->/g, '');
    expect([...entitlements.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
  });
});

describe('electronFuses', () => {
  // electron-builder's own mapping from the yml to the fuse wire, with the @electron/fuses it depends on.
  const builderRequire = createRequire(require.resolve('app-builder-lib/package.json'));
  const { FuseV1Options, FuseVersion } = builderRequire('@electron/fuses') as { FuseV1Options: Record<string, number>; FuseVersion: Record<string, string> };
  const { PlatformPackager } = require('app-builder-lib') as {
    PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Record<string, unknown>> } };
  };

  it('are flipped by electron-builder itself: no afterPack hook of ours', () => {
    expect(config.afterPack).toBeUndefined();
    expect(fs.existsSync(path.join(REPO_ROOT, 'build', 'flip-fuses.cjs'))).toBe(false);
  });

  it('turn off run-as-node, NODE_OPTIONS, --inspect and file:// privileges; turn on asar integrity, asar only, cookie encryption', async () => {
    const wire = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(wire).toEqual({
      version: FuseVersion.V1,
      resetAdHocDarwinSignature: true,
      [FuseV1Options.RunAsNode!]: false,
      [FuseV1Options.EnableCookieEncryption!]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable!]: false,
      [FuseV1Options.EnableNodeCliInspectArguments!]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation!]: true,
      [FuseV1Options.OnlyLoadAppFromAsar!]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges!]: false,
    });
  });

  it('set every fuse that is security-relevant (an unset one keeps Electron’s default)', () => {
    expect(Object.keys(config.electronFuses).sort()).toEqual(
      [
        'enableCookieEncryption',
        'enableEmbeddedAsarIntegrityValidation',
        'enableNodeCliInspectArguments',
        'enableNodeOptionsEnvironmentVariable',
        'grantFileProtocolExtraPrivileges',
        'onlyLoadAppFromAsar',
        'resetAdHocDarwinSignature',
        'runAsNode',
      ].sort(),
    );
  });
});
