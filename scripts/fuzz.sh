#!/usr/bin/env bash
# Fuzzes dyad's readers and pipeline for --minutes N (default 2) with mutated inputs; saves any
# crash or timeout as a reproducer in fuzz-findings/ and exits 1 when there is one.
#   scripts/fuzz.sh --minutes 30            # a release build, a seed from the clock
#   scripts/fuzz.sh --minutes 2 --seed 7    # what CI runs: a fixed seed
# Other options go to scripts/fuzz.py (--timeout SECONDS, --out DIR, --dyad PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
args=("$@")
dyad=""
for ((i = 0; i < ${#args[@]}; i++)); do
    if [ "${args[$i]}" = "--dyad" ]; then dyad="${args[$((i + 1))]}"; fi
done
if [ -z "$dyad" ]; then
    swift build -c release --product dyad >&2
    dyad=".build/release/dyad"
    args+=(--dyad "$dyad")
fi
if [[ " ${args[*]} " != *" --seed "* ]]; then args+=(--seed "$(date +%s)"); fi
exec python3 scripts/fuzz.py "${args[@]}"
