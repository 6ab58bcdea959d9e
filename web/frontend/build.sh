#!/usr/bin/env bash
# Rebuild the GOV.UK Frontend assets shipped in web/static/govuk/ (they are committed, so
# neither installing nor running Conduct needs Node). Built from Sass so that the CSS names
# no GDS Transport font (this is not a GOV.UK service) and asks for nothing outside /static/.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="${1:-$(mktemp -d)}"
npm install --prefix "$work" --no-audit --no-fund govuk-frontend@6.6.0 sass@1 >/dev/null
cp "$here/govuk.scss" "$work/govuk.scss"
(cd "$work" && npx sass --pkg-importer=node --style=compressed --no-source-map govuk.scss govuk.min.css)
out="$here/../static/govuk"
cp "$work/govuk.min.css" "$out/govuk-frontend.min.css"
sed 's|//# sourceMappingURL=govuk-frontend.min.js.map||' \
  "$work/node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js" > "$out/govuk-frontend.min.js"
echo "built $out"
