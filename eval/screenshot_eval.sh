#!/usr/bin/env bash
# The README's screenshot of the eval HTML report (not needed by the tests).
#   bash eval/screenshot_eval.sh [OUT]   -> docs/eval-report.png
# Installs Debian's chromium and CJK fonts, runs the demonstration eval (eval/demo_eval.py: the
# built-in writer and a scripted model behind the local stub server), and screenshots its report.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-$(mktemp -d)/eval-demo}"
if ! command -v chromium >/dev/null; then
  apt-get update && apt-get install -y chromium fonts-noto-cjk
fi
PYTHONPATH="$PWD" python eval/demo_eval.py "$out" >/dev/null
profile="$(mktemp -d)"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --hide-scrollbars --screenshot=docs/eval-report.png \
  --window-size=1280,1450 "file://$(realpath "$out")/report.html"
rm -rf "$profile"
ls -l docs/eval-report.png
