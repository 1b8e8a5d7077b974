#!/usr/bin/env bash
# Render a .docx to PDF and to a PNG of its first page with LibreOffice, to look at the Word output
# the way a reader's office suite lays it out. Not needed by the tests (they read the .docx itself).
#
#   bash eval/render_docx.sh report.docx [OUTDIR]     # writes OUTDIR/report.pdf and OUTDIR/report.png
#
# Installs LibreOffice Writer (headless) and CJK fonts from the distribution's packages when missing.
set -euo pipefail
docx="${1:?usage: render_docx.sh REPORT.docx [OUTDIR]}"
outdir="${2:-$(dirname "$docx")}"
if ! command -v soffice >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai fonts-arphic-uming poppler-utils >/dev/null
fi
mkdir -p "$outdir"
profile="$(mktemp -d)"  # a private profile: a running LibreOffice elsewhere is left alone
trap 'rm -rf "$profile"' EXIT
# The GB/T 9704 fonts are not free; for this rendering only, stand-ins from the packages above:
# 宋/仿宋 → Noto Serif CJK SC, 黑体 → Noto Sans CJK SC, 楷体 → AR PL UKai CN. The .docx still names
# the real fonts, which Word and WPS use where they are installed.
cat > "$profile/fonts.conf" <<'XML'
<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>方正小标宋简体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>宋体</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋_GB2312</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>仿宋</family><prefer><family>Noto Serif CJK SC</family></prefer></alias>
  <alias binding="same"><family>黑体</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>
  <alias binding="same"><family>楷体_GB2312</family><prefer><family>AR PL UKai CN</family></prefer></alias>
  <alias binding="same"><family>楷体</family><prefer><family>AR PL UKai CN</family></prefer></alias>
</fontconfig>
XML
export FONTCONFIG_FILE="$profile/fonts.conf"
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf --outdir "$outdir" "$docx" >/dev/null
pdf="$outdir/$(basename "${docx%.*}").pdf"
# first page only, 60 dpi: enough to see the layout, small enough for the README (< 300 KB)
pdftoppm -png -r "${DPI:-60}" -f 1 -l 1 -singlefile "$pdf" "${pdf%.pdf}"
echo "$pdf"
echo "${pdf%.pdf}.png"
