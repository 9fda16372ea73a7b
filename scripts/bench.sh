#!/usr/bin/env bash
# byline's speed and memory at scale, side by side with fzf in the same run.
#
#   scripts/bench.sh [COUNT...]        (default: 10000 100000)
#
# Builds release, generates each library once (examples/gen_library, seed 1) under
# ${BENCH_DIR:-target/bench}, then measures with hyperfine and a pty harness
# (scripts/reader_timing.py, needs python3 with pyte):
# - `byline list --query Q` with a valid index against `fzf --filter Q < headers.txt`;
# - `byline index --rebuild` (a first scan, no index) and `byline index` (the check alone);
# - the reader: first full screen and checked list, cold (no index) and warm, the latency of
#   each key of a six-letter query, and peak memory;
# and prints a table of times and ratios. Files are read once first, so all runs find them in
# the OS cache. Needs hyperfine and fzf (apt-get install hyperfine fzf).
set -euo pipefail
cd "$(dirname "$0")/.."
counts=("${@:-10000 100000}")
[ $# -eq 0 ] && counts=(10000 100000)
dir=${BENCH_DIR:-target/bench}
queries=(us korea mcgrath "dec 2014" "intel shar" zzqx)
for tool in hyperfine fzf python3; do
  command -v "$tool" >/dev/null || { echo "bench.sh needs $tool" >&2; exit 2; }
done
python3 -c 'import pyte' 2>/dev/null || { echo "bench.sh needs python3 -m pip install pyte" >&2; exit 2; }

cargo build --release --quiet --example gen_library
cargo build --release --quiet
byline=$PWD/target/release/byline
mkdir -p "$dir"

median() { python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000, 1))' "$1"; }

for n in "${counts[@]}"; do
  lib=$dir/lib$n
  [ -d "$lib" ] || target/release/examples/gen_library --count "$n" --out "$lib" --seed 1 >/dev/null
  headers=$lib.headers.txt
  home=$(mktemp -d)
  export HOME=$home XDG_DATA_HOME=$home/data
  unset XDG_CACHE_HOME BYLINE_LIBRARY
  find "$lib" -type f -print0 | xargs -0 cat >/dev/null
  echo
  echo "## $n articles"
  echo
  echo "| | byline | fzf --filter | ratio |"
  echo "|---|---|---|---|"
  "$byline" index --library "$lib" >/dev/null
  for q in "${queries[@]}"; do
    hyperfine --style none --warmup 2 --runs 10 -N -i --export-json "$home/b.json" \
      "$byline list --library $lib --query '$q'" >/dev/null 2>&1
    hyperfine --style none --warmup 2 --runs 10 -i --export-json "$home/f.json" \
      "fzf --filter '$q' < $headers" >/dev/null 2>&1
    b=$(median "$home/b.json"); f=$(median "$home/f.json")
    echo "| \`list --query '$q'\` | $b ms | $f ms | $(python3 -c "print(round($b/$f, 2))")x |"
  done
  hyperfine --style none --runs 3 -N --export-json "$home/b.json" \
    "$byline index --rebuild --library $lib" >/dev/null 2>&1
  echo "| \`index --rebuild\` (first scan) | $(median "$home/b.json") ms | | |"
  hyperfine --style none --warmup 1 --runs 5 -N --export-json "$home/b.json" \
    "$byline index --library $lib" >/dev/null 2>&1
  echo "| \`index\` (check, nothing changed) | $(median "$home/b.json") ms | | |"
  for start in cold warm; do
    [ $start = cold ] && rm -rf "$home/.cache"
    eval "$(python3 scripts/reader_timing.py "$byline" "$lib" "$home" harbou | sed 's/ /=/')"
    echo "| reader $start: first full screen / checked | $start_ms / $checked_ms ms | | |"
    echo "| reader $start: key p50 / p99 (\`harbou\`) | $key_p50_ms / $key_p99_ms ms | | |"
    echo "| reader $start: peak memory | $peak_rss_mb MB | | |"
  done
  /usr/bin/time -f "%M" -o "$home/rss" "$byline" list --library "$lib" --query korea >/dev/null
  echo "| \`list\` peak memory | $(( $(cat "$home/rss") / 1024 )) MB | | |"
  rm -rf "$home"
done
