#!/usr/bin/env bash
# Runs `dyad code` over every file under ../shared/corpora (each as the format its name says,
# plain text otherwise) and prints one line per file: exit code, documents, events, seconds.
# A robustness check, not a test: nothing may crash (exit code 3 or a signal).
set -uo pipefail
DYAD=${1:-.build/release/dyad}
ROOT=${2:-../shared/corpora}
crashes=0
while IFS= read -r -d '' file; do
    start=$(date +%s.%N)
    "$DYAD" code "$file" > /tmp/dyad-corpus-out.jsonl 2> /tmp/dyad-corpus-err.txt
    status=$?
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    summary=$(grep -o 'dyad code: .*' /tmp/dyad-corpus-err.txt | tail -1)
    echo -e "$status\t${seconds}\t${summary#dyad code: }\t$file"
    if [ "$status" -ge 3 ]; then crashes=$((crashes + 1)); fi
done < <(find "$ROOT" -type f ! -name '*.md' ! -name '*.zip' ! -name '*.gz' ! -name '*.tgz' -print0 | sort -z)
echo "crashes: $crashes"
[ "$crashes" -eq 0 ]
