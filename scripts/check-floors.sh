#!/usr/bin/env bash
# Measures accuracy with the dyad binary given as $1 and fails below the floors in .ci/floors.
# Each measurement needs ../shared; without it the check says so and is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
DYAD=${1:-.build/debug/dyad}
SHARED=../shared
floor() { awk -v name="$1" '$1 == name { print $2 }' .ci/floors; }
passed=0; failed=0; skipped=0

check() {  # name measured
    local name=$1 measured=$2 min
    min=$(floor "$name")
    if python3 -c "import sys; sys.exit(0 if float('$measured') >= float('$min') else 1)"; then
        echo "floor $name: $measured >= $min ok"; passed=$((passed + 1))
    else
        echo "floor $name: $measured < $min FAILED"; failed=$((failed + 1))
    fi
}

EWT_TEST=$SHARED/corpora/ud_english_ewt/en_ewt-ud-test.conllu
if [ -f "$EWT_TEST" ]; then
    tmp=$(mktemp)
    "$DYAD" tag --conllu "$EWT_TEST" > "$tmp"
    result=$(python3 scripts/conllu_accuracy.py "$EWT_TEST" "$tmp")
    rm -f "$tmp"
    echo "$result"
    check tagger.upos.ewt-test "$(echo "$result" | awk '{print $2}')"
else
    echo "floor tagger.upos.ewt-test: $EWT_TEST absent, skipped"; skipped=$((skipped + 1))
fi

echo "floors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
