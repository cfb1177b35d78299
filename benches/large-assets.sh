#!/usr/bin/env bash
# Peak memory of builds with large assets (issue 11, item 15): a guide with two files of
# SIZE_MB (default 1024) in content/, built once and then rebuilt, when the unchanged-file
# check compares each asset with the previous build's copy.
#
#   bash benches/large-assets.sh [--bin PATH] [--dir DIR] [SIZE_MB]
#
# The assets are sparse files, so they cost no disk and read as fast as the page cache allows;
# what is measured is how much of them the build holds in memory (max RSS, /usr/bin/time).
# Needs: cargo, /usr/bin/time (Debian: time).
set -euo pipefail

cd "$(dirname "$0")/.."
repo=$(pwd)
bin=""
dir="$repo/target/bench-assets"
size_mb=1024
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) size_mb="$1"; shift ;;
  esac
done
if [ -z "$bin" ]; then
  cargo build --release --quiet
  bin="$repo/target/release/guidewright"
fi

rm -rf "$dir"
mkdir -p "$dir/guide/content"
printf 'title: Large assets\n' > "$dir/guide/guide.yaml"
printf -- '---\ntitle: Home\n---\nTwo [large](one.bin) [files](two.bin).\n' > "$dir/guide/content/_index.md"
truncate -s "${size_mb}M" "$dir/guide/content/one.bin" "$dir/guide/content/two.bin"

peak() {
  /usr/bin/time -f '%M' -o "$dir/time.txt" "$bin" build --quiet --root "$dir/guide" >/dev/null
  echo "$(( $(cat "$dir/time.txt") / 1024 ))"
}
echo "| build | peak MB |"
echo "|---|---:|"
echo "| first | $(peak) |"
echo "| rebuild, assets unchanged | $(peak) |"
rm -rf "$dir"
