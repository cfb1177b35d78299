#!/usr/bin/env bash
# Times guidewright against Hugo on the same generated guide (issue 6).
#
#   bash benches/compare.sh [--rounds N] [--dir DIR] [--big] [--no-hugo] [--bin PATH] [SIZES...]
#
# SIZES are page counts (default: 1000 10000; --big adds 100000, which is slow, needs about
# 12 GB of disk for the two corpora and the two outputs, and for Hugo some 25 GB of memory:
# use --big --no-hugo on a 24 GB machine). For each size it writes the
# corpus with examples/gen-corpus.rs (a guidewright guide and the same content as a Hugo site,
# see benches/hugo/), builds each once to check that it builds, then times N rounds (default 5)
# of guidewright and Hugo alternately with /usr/bin/time, and prints a Markdown table of the
# medians: wall time, CPU time (user + sys) and peak memory (max RSS over the rounds). The
# ratio is the tool's median wall time over guidewright's.
#
# --dir DIR   where corpora and outputs go (default: target/bench). A tmpfs such as
#             /dev/shm/guidewright-bench times the tools rather than the file system: on ext4,
#             creating tens of thousands of files right after deleting them costs a lot of
#             kernel time (see docs/performance.md).
# --bin PATH  time this guidewright binary instead of building target/release/guidewright.
# --no-hugo   time guidewright only.
#
# Needs: cargo, /usr/bin/time (Debian: time), hugo (Debian: apt-get install -y hugo).
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)

rounds=5
dir="$repo/target/bench"
big=0
hugo=1
bin=""
sizes=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --big) big=1; shift ;;
    --no-hugo) hugo=0; shift ;;
    --bin) bin=$2; shift 2 ;;
    -h|--help) sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    [0-9]*) sizes+=("${1//[_,]/}"); shift ;;
    *) echo "compare.sh: unknown argument $1 (try --help)" >&2; exit 2 ;;
  esac
done
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
[ $big = 0 ] || sizes+=(100000)

if [ ! -x /usr/bin/time ]; then
  echo "compare.sh: needs /usr/bin/time (Debian: apt-get install -y time)" >&2
  exit 1
fi
if [ $hugo = 1 ] && ! command -v hugo >/dev/null; then
  echo "compare.sh: hugo not found (Debian: apt-get update && apt-get install -y hugo); timing guidewright only" >&2
  hugo=0
fi

target="${CARGO_TARGET_DIR:-$repo/target}"
echo "== building the release binary and the corpus generator" >&2
if [ -n "$bin" ]; then
  cargo build --release --example gen-corpus >&2
  gw=$(realpath "$bin")
else
  cargo build --release --bin guidewright --example gen-corpus >&2
  gw="$target/release/guidewright"
fi
gen="$target/release/examples/gen-corpus"

mkdir -p "$dir"
dir=$(realpath "$dir")

# Machine and versions, for the report.
cpu=$(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)
if commit=$(git rev-parse --short HEAD 2>/dev/null); then
  git diff --quiet HEAD -- src themes Cargo.toml Cargo.lock || commit="$commit (with uncommitted changes)"
else
  commit="(not a Git checkout)"
fi
hugo_version=$([ $hugo = 1 ] && hugo version | awk '{print $2}' || echo none)
fs=$(df -T "$dir" | awk 'NR == 2 {print $2}')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
maximum() { sort -g | tail -1; }

# time_one NAME LOG COMMAND...: runs COMMAND into an emptied output, appends "wall cpu rss_kb".
time_one() {
  local out=$1 log=$2
  shift 2
  rm -rf "$out"
  sync
  if ! /usr/bin/time -f '%e %U %S %M' -o "$dir/time.txt" "$@" >"$dir/stdout.txt" 2>"$dir/stderr.txt"; then
    echo "compare.sh: failed: $*" >&2
    tail -20 "$dir/stderr.txt" >&2
    exit 1
  fi
  awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' "$dir/time.txt" >>"$log"
}

rows=()
for n in "${sizes[@]}"; do
  guide="$dir/guide-$n"
  site="$dir/hugo-$n"
  echo "== $n pages: generating the corpus" >&2
  if [ $hugo = 1 ]; then
    "$gen" --pages "$n" --out "$guide" --hugo "$site" >&2
  else
    "$gen" --pages "$n" --out "$guide" >&2
  fi
  gw_cmd=("$gw" build --root "$guide" --output "$dir/out-gw-$n" --quiet)
  hugo_cmd=(hugo --quiet --source "$site" --destination "$dir/out-hugo-$n")

  echo "== $n pages: a first build of each (not timed; it must succeed)" >&2
  : >"$dir/warmup.log"
  time_one "$dir/out-gw-$n" "$dir/warmup.log" "${gw_cmd[@]}"
  [ $hugo = 0 ] || time_one "$dir/out-hugo-$n" "$dir/warmup.log" "${hugo_cmd[@]}"

  : >"$dir/gw-$n.log"
  : >"$dir/hugo-$n.log"
  for r in $(seq "$rounds"); do
    echo "== $n pages: round $r of $rounds" >&2
    time_one "$dir/out-gw-$n" "$dir/gw-$n.log" "${gw_cmd[@]}"
    [ $hugo = 0 ] || time_one "$dir/out-hugo-$n" "$dir/hugo-$n.log" "${hugo_cmd[@]}"
  done

  corpus_mb=$(du -sm "$guide/content" | cut -f1)
  echo "   corpus: $(find "$guide/content" -name '*.md' | wc -l) Markdown files, ${corpus_mb} MB" >&2
  gw_wall=$(cut -d' ' -f1 "$dir/gw-$n.log" | median)
  for tool in guidewright hugo; do
    log="$dir/gw-$n.log"
    out="$dir/out-gw-$n"
    if [ $tool = hugo ]; then
      [ $hugo = 1 ] || continue
      log="$dir/hugo-$n.log"
      out="$dir/out-hugo-$n"
    fi
    wall=$(cut -d' ' -f1 "$log" | median)
    cpu_s=$(cut -d' ' -f2 "$log" | median)
    peak=$(cut -d' ' -f3 "$log" | maximum)
    ratio=$(awk -v a="$wall" -v b="$gw_wall" 'BEGIN {printf "%.2f", a / b}')
    html=$(find "$out" -name '*.html' | wc -l)
    size=$(du -sm "$out" | cut -f1)
    echo "   $tool: $html HTML files, $size MB; rounds (wall s, cpu s, peak KB): $(tr '\n' ';' <"$log")" >&2
    rows+=("| $n | $tool | $wall | $cpu_s | $((peak / 1024)) | $ratio |")
  done
done

report="$dir/results.md"
{
  echo "Machine: $(nproc) CPUs ($cpu), $mem memory; work folder on $fs."
  echo "guidewright $commit; Hugo $hugo_version; $rounds rounds, medians; peak = max RSS of any round."
  echo "Load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine skews wall times)."
  echo
  echo "| pages | tool | median wall s | median CPU s | peak MB | ratio |"
  echo "|---:|---|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
} | tee "$report"
echo >&2
echo "(also in $report; corpora and outputs stay in $dir: rm -rf it when done)" >&2
