// electron-builder afterPack hook: flips Electron's fuses in the packaged binary, before it is signed
// (electron-builder signs after afterPack). Fuses are build-time switches compiled into the Electron
// binary; turning features off here means no command line, environment variable or file can turn them
// back on at a branch workstation. https://www.electronjs.org/docs/latest/tutorial/fuses
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads hooks with require(): CommonJS on purpose */
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** The fuses of the packaged app (`resetAdHocDarwinSignature` is added per platform). */
const FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE would turn the signed app into a general-purpose Node.js interpreter that
  // runs any script with the app's identity (and its access to the database).
  [FuseV1Options.RunAsNode]: false,
  // Encrypts Chromium's cookie store with the OS keychain (the app keeps no cookies; defence in depth).
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) could inject code (--require) into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk (and SIGUSR1) would let anyone on the machine attach a debugger to main.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Checks app.asar against the hash embedded at build time (macOS, Windows): tampered code does not load.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Loads the app only from app.asar (not from an app/ folder placed beside it): with the integrity
  // check above, no unvalidated code can be loaded as the app.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app://, so file:// pages need none of their legacy extra privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** The Electron executable inside the packaged output, per platform. */
function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const name = packager.appInfo.productFilename;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return path.join(appOutDir, `${name}.app`);
  if (electronPlatformName === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName);
}

/** The afterPack hook. */
async function afterPack(context) {
  const binary = electronBinaryPath(context);
  // builder-util's Arch enum: arm64 = 3. An arm64 macOS binary must keep a valid (ad hoc) signature
  // even when no signing identity is configured, or it does not start at all.
  const resetAdHocDarwinSignature = context.electronPlatformName === 'darwin' && context.arch === 3;
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature });
  console.log(`  • fuses flipped in ${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.electronBinaryPath = electronBinaryPath;
