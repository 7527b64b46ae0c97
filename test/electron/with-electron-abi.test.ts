/**
 * build/with-electron-abi.mjs: whatever the command does to better-sqlite3-multiple-ciphers' binary (electron-builder
 * rebuilds it for Electron), Node's build is back afterwards — on success, on failure, and after a
 * previous run was killed. Works on a copy of the real binary (OCTROI_NATIVE_FILE), never node_modules.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const REAL = path.join(REPO_ROOT, 'node_modules', 'better-sqlite3-multiple-ciphers', 'build', 'Release', 'better_sqlite3.node');
const SCRIPT = path.join(REPO_ROOT, 'build', 'with-electron-abi.mjs');
let dir: string;
let native: string;
let backup: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'octroi-abi-'));
  native = path.join(dir, 'build', 'Release', 'better_sqlite3.node');
  backup = path.join(dir, 'cache', 'better_sqlite3.node');
  fs.mkdirSync(path.dirname(native), { recursive: true });
  fs.copyFileSync(REAL, native);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the script with a command that overwrites the binary (as a rebuild for Electron would). */
const runWith = (script: string, ...extra: string[]) =>
  spawnSync(process.execPath, [SCRIPT, ...extra, '--', process.execPath, '-e', script, native], {
    env: { ...process.env, OCTROI_NATIVE_FILE: native, OCTROI_NATIVE_BACKUP: backup },
    encoding: 'utf8',
  });
const loadsInNode = () => spawnSync(process.execPath, ['-e', 'process.dlopen({ exports: {} }, process.argv[1])', native]).status === 0;

describe('with-electron-abi', () => {
  it('restores Node’s build after the command replaced it, and passes the exit code on', () => {
    // A rebuild may delete the whole build/ folder and write a new binary.
    const result = runWith("const fs = require('fs'), p = require('path'); fs.rmSync(p.dirname(p.dirname(process.argv[1])), { recursive: true }); fs.mkdirSync(p.dirname(process.argv[1]), { recursive: true }); fs.writeFileSync(process.argv[1], 'electron abi build'); process.exit(3)");
    expect(result.status).toBe(3);
    expect(fs.readFileSync(native).equals(fs.readFileSync(REAL))).toBe(true);
    expect(loadsInNode()).toBe(true);
    expect(fs.existsSync(backup)).toBe(false);
  });

  it('repairs what a killed run left behind before starting', () => {
    fs.mkdirSync(path.dirname(backup), { recursive: true });
    fs.copyFileSync(native, backup);
    fs.writeFileSync(native, 'electron abi build left by a killed run');
    const result = runWith("process.exit(require('fs').readFileSync(process.argv[1]).length > 1000 ? 0 : 9)");
    expect(result.status).toBe(0);
    expect(loadsInNode()).toBe(true);
  });

  it('refuses to start when Node’s build is gone, naming the fix', () => {
    fs.writeFileSync(native, 'not a Node addon');
    const result = runWith('process.exit(0)');
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/does not load in Node.*npm rebuild better-sqlite3-multiple-ciphers/);
  });

  it('needs a command', () => {
    const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
});
