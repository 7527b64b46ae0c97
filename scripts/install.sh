#!/usr/bin/env bash
# Installs what Octroi's tools and tests need on a Debian machine: system packages (apt) and npm packages.
# Works offline from everything but the npm registry and Debian's mirrors: the Electron binary and
# onnxruntime's CUDA files are not downloaded (the CPU build of onnxruntime ships inside its npm package).
set -euo pipefail
cd "$(dirname "$0")/.."

# sqlite3: the benchmark's reference; python3-*: the training pipeline and the synthetic-data realism check;
# chromium: the renderer's end-to-end tests and the letters' PDF in the CLI; poppler-utils: pdftotext,
# with which the tests read the letters back; fonts-dejavu-core: a font with French accents for headless Chromium;
# postgresql: the HQ store (the tests start their own throw-away cluster); python3-dask, python3-distributed:
# training that scales out (xgboost.dask).
APT_PACKAGES=(sqlite3 python3-xgboost python3-sklearn python3-pandas python3-onnx python3-optuna
  python3-matplotlib python3-pytest chromium poppler-utils fonts-dejavu-core postgresql python3-dask python3-distributed)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "install: apt packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export ELECTRON_SKIP_BINARY_DOWNLOAD=1 ONNXRUNTIME_NODE_INSTALL=skip
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi
