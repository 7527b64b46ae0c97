/**
 * Entry point of Octroi's main process, bundled by build/build-electron.mjs into dist-electron/main.cjs
 * (what Electron runs: `electron dist-electron/main.cjs`, or the packaged app's package.json "main").
 */
import path from 'node:path';
import { boot } from './boot.js';

// The bundle is CommonJS (dist-electron/main.cjs): __dirname is dist-electron, its parent holds
// dist-electron/ and renderer/dist (the repository in development, app.asar when packaged).
boot({ appRoot: path.resolve(__dirname, '..') });
