#!/usr/bin/env bash
# Writes the seed inputs of every fuzz target, taken from the sample guide (content/) and the
# test fixtures (tests/fixtures/), into tests/fuzz-regressions/<target>/seed-*.
# Run from anywhere; see docs/fuzzing.md.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$repo/tests/fuzz-regressions"
mkdir -p "$out"/{front_matter,markdown,config,catalog}
cd "$repo"

name() { echo "seed-$(echo "$1" | tr '/' '-')"; }

# Markdown files: as they are for front_matter; for markdown, after a settings byte
# (bit 0 smart punctuation, bit 1 raw HTML): 3 for the sample's settings, 0 for a few.
n=0
while IFS= read -r file; do
  cp "$file" "$out/front_matter/$(name "$file")"
  flags='\x03'
  if (( n % 8 == 0 )); then flags='\x00'; fi
  { printf "$flags"; cat "$file"; } > "$out/markdown/$(name "$file")"
  n=$((n + 1))
done < <(find content tests/fixtures -name '*.md' | sort)

# guide.yaml files.
while IFS= read -r file; do
  cp "$file" "$out/config/$(name "$file")"
done < <(find . tests/fixtures -maxdepth 2 -name guide.yaml | sed 's|^\./||' | sort -u)

# Data files: competencies.yaml, a line `%%`, resources.yaml.
for dir in content tests/fixtures/catalog/content; do
  { cat "$dir/competencies.yaml"; printf '\n%%%%\n'; cat "$dir/resources.yaml"; } \
    > "$out/catalog/$(name "$dir")-both.yaml"
  cp "$dir/competencies.yaml" "$out/catalog/$(name "$dir")-competencies.yaml"
  cp "$dir/resources.yaml" "$out/catalog/$(name "$dir")-resources.yaml"
done

# Small inputs written by hand for what the design promises to survive (§3, §6): a
# byte-order mark, CRLF, tabs, no closing fence, TOML fences, non-UTF-8 bytes, empty files.
hand="$out/front_matter"
printf '\xef\xbb\xbf---\r\ntitle: BOM and CRLF\r\naudience: [teacher]\r\n---\r\nBody\r\n' > "$hand/seed-bom-crlf.md"
printf -- '---\n\ttitle: Tab\n---\n' > "$hand/seed-tab.md"
printf -- '---\ntitle: Not closed\n' > "$hand/seed-unclosed.md"
printf -- '+++\ntitle = "TOML"\n+++\n' > "$hand/seed-toml.md"
printf -- '---\ntitle: Bad \xff byte\n---\n' > "$hand/seed-not-utf8.md"
printf '' > "$hand/seed-empty.md"
printf -- '---' > "$hand/seed-fence-only.md"
printf -- '---\ntitle: A\ntitle: B\nrole: [x, 1]\naudience: principle\nresources: [{title: T, url: u, knd: k}]\nupdated: 2023-02-29\nslug: a/b\ntemplate: x\n...\n' > "$hand/seed-every-error.md"
printf -- '\x03---\ntitle: Links\n---\n# T {#t}\n## T\n## T\n[a](a.md#t) [b](../../x.md) [c](%%2e%%2e/y.md) ![i](img.png) [e](https://e.org) <a id="z"></a>\n\n| a |\n|---|\n| [x](x.md) |\n\n- [ ] task\n\n[^n]: note\n' > "$out/markdown/seed-links.md"
printf 'title: T\nbase_url: example.org\ntheme: ../x\ntaxonomies:\n  weight: {title: W}\n  "bad name": {title: B}\n' > "$out/config/seed-every-error.yaml"
printf 'frameworks:\n  - id: f\n    title: F\n    groups: [{id: g, name: G}]\n    competencies:\n      - {id: c, name: C, group: h}\n      - {id: c, name: D}\n\n%%%%\nresources:\n  - {id: r, title: R, kind: tool, file: missing.pdf, competencies: [d]}\n  - {id: r, title: R, kind: tool}\n' > "$out/catalog/seed-every-error.yaml"
