#!/usr/bin/env bash
# Whole-process figures for docs/PERFORMANCE.md:
#
#   1. `diglot render --width 160 --height 50` against `cat` of the same two
#      files, with hyperfine (warm-up runs, medians, the ratio from the same
#      run), on the embedded pair (N = 1) and on the pair 1000 times its size
#      (N = 1000);
#   2. peak memory (maximum resident set size from /usr/bin/time -v) of the
#      same `render` runs, against the input size.
#
# Usage: scripts/perf/whole_process.sh [OUT_DIR]
#   OUT_DIR (default target/perf) receives the N = 1000 files, hyperfine's
#   JSON and a summary, whole_process.txt.
# Needs: hyperfine (apt-get install -y hyperfine), /usr/bin/time (GNU time),
# jq.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/perf}
mkdir -p "$out"
out=$(cd "$out" && pwd)
runs=${RUNS:-30}

cargo build --release --quiet --bin diglot --example scaled_pair
diglot=$PWD/target/release/diglot
embedded=assets/A-RES-67-189
big=$out/n1000
if [[ ! -s $big/zh.md || ! -s $big/en.md ]]; then
  target/release/examples/scaled_pair 1000 "$big" >/dev/null
fi

summary=$out/whole_process.txt
: >"$summary"
say() { echo "$*" | tee -a "$summary"; }

say "# $(date -u +%FT%TZ)  $(nproc) cores  $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
say "# load before: $(cut -d' ' -f1-3 /proc/loadavg)"

# hyperfine, no shell in between (-N): the commands are timed as exec'd.
time_pair() {
  local label=$1 zh=$2 en=$3 json=$out/hyperfine-$1.json
  local extra=()
  if [[ $label == n1 ]]; then
    # `render` with no files uses the copy embedded in the binary.
    extra=(-n "render (embedded)" "$diglot render --width 160 --height 50")
  fi
  hyperfine -N --warmup 5 --runs "$runs" --export-json "$json" \
    -n "cat" "cat $zh $en" \
    "${extra[@]}" \
    -n "render (files)" "$diglot render --width 160 --height 50 $zh $en" \
    >/dev/null
  local cat_median
  cat_median=$(jq '.results[] | select(.command == "cat") | .median' "$json")
  say ""
  say "## $label: $zh + $en ($(($(stat -c%s "$zh") + $(stat -c%s "$en"))) bytes), $runs runs"
  jq -r --argjson cat "$cat_median" '.results[] |
      "\(.command)\tmedian \(.median * 1000 | . * 100 | round / 100) ms\tmean \(.mean * 1000 | . * 100 | round / 100) ms\tmin \(.min * 1000 | . * 100 | round / 100) ms\t\(.median / $cat | . * 10 | round / 10)x cat"' \
    "$json" | column -t -s $'\t' | tee -a "$summary"
}

peak_rss() {
  local label=$1
  shift
  local kb bytes=0
  for f in "$@"; do
    [[ -f $f ]] && bytes=$((bytes + $(stat -c%s "$f")))
  done
  [[ $# -eq 0 ]] && bytes=$(($(stat -c%s $embedded/zh.md) + $(stat -c%s $embedded/en.md)))
  # Median of five runs.
  kb=$(for _ in 1 2 3 4 5; do
    /usr/bin/time -v "$diglot" render --width 160 --height 50 "$@" 2>&1 >/dev/null |
      awk -F: '/Maximum resident set size/ {print $2 + 0}'
  done | sort -n | sed -n 3p)
  say "$label: max RSS $((kb / 1024)) MiB ($kb KiB) for $bytes bytes of input: $(echo "scale=2; $kb * 1024 / $bytes" | bc)x"
}

time_pair n1 $embedded/zh.md $embedded/en.md
time_pair n1000 "$big/zh.md" "$big/en.md"

say ""
say "## peak memory, diglot render --width 160 --height 50"
peak_rss "n1 (embedded)"
peak_rss "n1 (files)" $embedded/zh.md $embedded/en.md
peak_rss "n1000 (files)" "$big/zh.md" "$big/en.md"
say "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
