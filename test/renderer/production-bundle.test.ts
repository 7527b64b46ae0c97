/**
 * The production renderer (renderer/dist, built by `npm run build:renderer` before the tests run) talks to
 * main only through `window.octroi`: the preview's HTTP transport and its token code are injected by the
 * preview server (electron/preview/preview-bridge.ts), never bundled into what Electron loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/paths.js';

const DIST = path.join(REPO_ROOT, 'renderer', 'dist');

describe('production renderer bundle', () => {
  it('holds no preview transport, token or event-stream code', () => {
    expect(fs.existsSync(path.join(DIST, 'index.html')), 'renderer/dist is missing: run npm run build:renderer').toBe(true);
    const scripts = fs.readdirSync(path.join(DIST, 'assets')).filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(0);
    for (const file of scripts) {
      const text = fs.readFileSync(path.join(DIST, 'assets', file), 'utf8');
      expect(text, file).not.toMatch(/\/ipc\/|events\?token|tokenFromFragment|EventSource/);
    }
    expect(fs.readFileSync(path.join(DIST, 'index.html'), 'utf8')).not.toContain('preview-bridge');
  });
});
