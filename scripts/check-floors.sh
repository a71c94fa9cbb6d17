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
    echo "$result"
    check tagger.upos.ewt-test "$(echo "$result" | awk '{print $2}')"
    # The parse of the same run: UAS and LAS with predicted tags, punctuation included.
    parse=$(python3 scripts/conllu_eval.py "$EWT_TEST" "$tmp" --json)
    rm -f "$tmp"
    echo "EWT test parse: $parse"
    check parser.uas.ewt-test "$(echo "$parse" | python3 -c 'import json,sys; print(json.load(sys.stdin)["uas"])')"
    check parser.las.ewt-test "$(echo "$parse" | python3 -c 'import json,sys; print(json.load(sys.stdin)["las"])')"
else
    echo "floor tagger.upos.ewt-test: $EWT_TEST absent, skipped"; skipped=$((skipped + 3))
fi

# Events: code each gold file's texts with `dyad code` (as JSONL input) and score with the
# reference scorer. The gold files are JSONL articles already: id, text, date.
score_events() {  # floor-name gold-file mode [measure: f1 (default), recall, precision]
    local name=$1 gold=$2 mode=$3 measure=${4:-f1} pred
    if [ ! -f "$gold" ]; then
        echo "floor $name: $gold absent, skipped"; skipped=$((skipped + 1)); return
    fi
    pred=$(mktemp)
    "$DYAD" code --input-format jsonl "$gold" > "$pred" 2>/dev/null
    result=$(python3 "$SHARED/eval/score.py" "$gold" "$pred" --json)
    rm -f "$pred"
    check "$name" "$(echo "$result" | python3 -c "import json,sys; print(json.load(sys.stdin)['$mode']['$measure'])")"
}
score_events events.seed.full-f1 "$SHARED/eval/seed.gold.jsonl" full
score_events events.plover-dev.full-f1 "$SHARED/eval/plover-gsr.dev.jsonl" full
score_events events.conflibert-dev.code-f1 "$SHARED/eval/conflibert-news.dev.jsonl" "code only"
score_events events.conflibert-dev.code-precision "$SHARED/eval/conflibert-news.dev.jsonl" "code only" precision
# plv-news sentences may hold events nobody coded: its precision is a lower bound, recall is read.
score_events events.plv-dev.full-recall "$SHARED/eval/plv-news.dev.jsonl" full recall
score_events events.plv-dev.code-recall "$SHARED/eval/plv-news.dev.jsonl" "code only" recall

echo "floors: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
