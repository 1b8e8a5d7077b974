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
pdf="$(cd "$outdir" && pwd)/$(basename "${docx%.*}").pdf"
# Not --convert-to: that prints the 目录 field as saved (one line saying Word fills it in). A macro
# opens the file, updates its indexes as Word does on opening (the TOC from the heading styles), and
# prints it with drafter's comments in the margin.
soffice -env:UserInstallation="file://$profile" --headless --terminate_after_init >/dev/null 2>&1
cat > "$profile/user/basic/Standard/Module1.xba" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub ToPdf(inPath As String, outPath As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot; : args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  indexes = doc.getDocumentIndexes()
  For i = 0 To indexes.getCount() - 1
    indexes.getByIndex(i).update()
  Next i
  Dim options(0) As New com.sun.star.beans.PropertyValue
  options(0).Name = &quot;ExportNotesInMargin&quot; : options(0).Value = True
  Dim out(1) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot; : out(0).Value = &quot;writer_pdf_Export&quot;
  out(1).Name = &quot;FilterData&quot; : out(1).Value = options()
  doc.storeToURL(ConvertToURL(outPath), out())
  doc.close(True)
End Sub
</script:module>
XML
soffice -env:UserInstallation="file://$profile" --headless \
  "macro:///Standard.Module1.ToPdf(\"$(realpath "$docx")\",\"$pdf\")" >/dev/null 2>&1
test -s "$pdf" || { echo "LibreOffice wrote no $pdf" >&2; exit 1; }
# first page only (PAGE=N for another), 60 dpi: enough to see the layout, small enough for the README (< 300 KB)
pdftoppm -png -r "${DPI:-60}" -f "${PAGE:-1}" -l "${PAGE:-1}" -singlefile "$pdf" "${pdf%.pdf}"
echo "$pdf"
echo "${pdf%.pdf}.png"
