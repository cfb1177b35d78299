#!/usr/bin/env bash
# Time to load a large resource library (issue 12, item 6): a guide whose
# content/resources.yaml holds ENTRIES (default 8000) resources, checked RUNS (default 3)
# times with GUIDEWRIGHT_TIMINGS=1; prints each run's `catalog` stage and wall time, then
# their medians.
#
#   bash benches/large-catalog.sh [--bin PATH] [--dir DIR] [--runs N] [ENTRIES]
#
# Run it at 8000 and 16000 entries to see that the time grows linearly.
# Needs: cargo (unless --bin), GNU date (for %N).
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
bin=""
dir="$repo/target/bench-catalog"
runs=3
entries=8000
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) entries="$1"; shift ;;
  esac
done
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin="$repo/target/release/guidewright"
fi

rm -rf "$dir"
mkdir -p "$dir/guide/content"
printf 'title: Big\n' > "$dir/guide/guide.yaml"
printf -- '---\ntitle: Home\n---\nOne line.\n' > "$dir/guide/content/_index.md"
{
  echo "resources:"
  for ((n = 1; n <= entries; n++)); do
    printf -- '  - id: r%d\n    title: "R %d"\n    kind: tool\n    url: https://e.org/%d\n    description: A resource.\n' "$n" "$n" "$n"
  done
} > "$dir/guide/content/resources.yaml"

median() { sort -g | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }'; }
catalogs=()
walls=()
echo "| run | catalog | wall ms |"
echo "|---|---|---:|"
for ((r = 1; r <= runs; r++)); do
  start=$(date +%s%N)
  GUIDEWRIGHT_TIMINGS=1 "$bin" check --root "$dir/guide" >/dev/null 2>"$dir/timings.txt" || true
  end=$(date +%s%N)
  wall=$(( (end - start) / 1000000 ))
  catalog=$(grep -m1 'catalog' "$dir/timings.txt" | grep -oE '[0-9.]+ ?(ms|µs|us|s)' | head -1)
  catalogs+=("$catalog")
  walls+=("$wall")
  echo "| $r | $catalog | $wall |"
done
echo
echo "$entries entries: median catalog $(printf '%s\n' "${catalogs[@]}" | median), median wall $(printf '%s\n' "${walls[@]}" | median) ms"
rm -rf "$dir"
