#!/usr/bin/env bash
# Fuzzes one target on the stable toolchain (see docs/fuzzing.md).
# Usage: fuzz/run.sh TARGET [SECONDS] [more libFuzzer flags…]
#   TARGET: front_matter, markdown, config or catalog; SECONDS: 600 unless given.
# New inputs go to fuzz/corpus/TARGET/ (ignored by Git), crashes to fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")"
target="$1"
seconds="${2:-600}"
shift $(( $# < 2 ? $# : 2 ))
dict=yaml
if [ "$target" = markdown ]; then dict=markdown; fi
mkdir -p "corpus/$target"
# cargo-fuzz passes nightly-only flags (-Zsanitizer=address); RUSTC_BOOTSTRAP lets the
# stable compiler accept them. -O: optimized, -a: with debug assertions (overflow checks).
RUSTC_BOOTSTRAP=1 exec cargo fuzz run -O -a "$target" \
  "corpus/$target" "../tests/fuzz-regressions/$target" -- \
  -dict="dict/$dict.dict" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -max_len=16384 -print_final_stats=1 "$@"
