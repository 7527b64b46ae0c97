/**
 * Entry point of Octroi's main process, bundled by build/build-electron.mjs into dist-electron/main.cjs
 * (what Electron runs: `electron dist-electron/main.cjs`, or the packaged app's package.json "main").
 */
import { boot } from './boot.js';

boot();
