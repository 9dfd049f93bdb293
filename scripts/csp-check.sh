#!/usr/bin/env bash
# Google's CSP Evaluator (npm csp_evaluator, the library behind csp-evaluator.withgoogle.com and
# Lighthouse's "CSP is effective against XSS" audit) on the policy a running site sends.
#
#   scripts/csp-check.sh                        # http://127.0.0.1:8080/reviews/the-400-blows
#   scripts/csp-check.sh http://127.0.0.1:8092/some/page
#
# Prints every finding and exits 1 if there is any. Needs node and npm (installs the package
# into target/csp-evaluator on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
url=${1:-http://127.0.0.1:8080/reviews/the-400-blows}
dir=target/csp-evaluator
if [[ ! -d $dir/node_modules/csp_evaluator ]]; then
  mkdir -p "$dir" && (cd "$dir" && npm install --silent --no-audit --no-fund csp_evaluator@1.1.8 >/dev/null)
fi
policy=$(curl -fsS -o /dev/null -D - "$url" | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ss]ecurity-[Pp]olicy: //p')
[[ -n $policy ]] || { echo "no Content-Security-Policy on $url" >&2; exit 1; }
echo "policy: $policy"
cd "$dir" && node -e '
const {CspEvaluator} = require("csp_evaluator/dist/evaluator.js");
const {CspParser} = require("csp_evaluator/dist/parser.js");
const findings = new CspEvaluator(new CspParser(process.argv[1]).csp).evaluate();
for (const f of findings) console.log(`finding: ${f.directive} ${f.value || ""} (severity ${f.severity}): ${f.description}`);
console.log(`CSP Evaluator findings: ${findings.length}`);
process.exit(findings.length ? 1 : 0);
' "$policy"
