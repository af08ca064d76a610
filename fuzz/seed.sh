#!/bin/sh
# Seeds the fuzz corpora from the embedded pair, the test fixtures and a few
# hostile strings: `./seed.sh [DIR]` fills DIR/parse, DIR/align, DIR/layout
# and DIR/store (default DIR: corpus, which git ignores). See
# docs/FUZZING.md for the input layout of each target.
set -eu
cd "$(dirname "$0")"
out=${1:-corpus}
assets=../assets/A-RES-67-189
fixtures=../tests/fixtures
mkdir -p "$out/parse" "$out/align" "$out/layout" "$out/store"

# parse: every document as it is.
cp "$assets/zh.md" "$out/parse/embedded-zh"
cp "$assets/en.md" "$out/parse/embedded-en"
for f in $(cd "$fixtures" && find . -name '*.md' | sort); do
  cp "$fixtures/$f" "$out/parse/$(echo "${f#./}" | tr '/.' '__')"
done

# align: 4 bytes (width, height, flags, steps), the Chinese, 0xFF, the
# English. Sizes: 60x20 (0x80 | n picks n/127 of the range), 100x40, and
# the small ones 3x2 and 7x7; flags and steps vary layout and keys.
pair() {
  name=$1 zh=$2 en=$3 i=0
  for header in '\274\224\000\032' '\344\250\001\056' '\003\002\006\017' '\224\274\002\073' '\007\007\037\042'; do
    i=$((i + 1))
    {
      printf "$header"
      cat "$zh"
      printf '\377'
      if [ -f "$en" ]; then cat "$en"; fi
    } > "$out/align/$name-$i"
  done
}
pair embedded "$assets/zh.md" "$assets/en.md"
for zh in $(cd "$fixtures" && find . -name zh.md | sort); do
  dir=$(dirname "${zh#./}")
  pair "$(echo "$dir" | tr '/' '_')" "$fixtures/$zh" "$fixtures/$dir/en.md"
done

# layout: 2 bytes of width (little-endian, taken modulo 301), 1 byte of
# flags (1: ambiguous wide, 2: skip sanitize), then the text.
text() {
  name=$1 file=$2
  for header in '\000\000\000' '\001\000\001' '\002\000\002' '\007\000\003' '\050\000\000' '\120\000\001'; do
    { printf "$header"; head -c 8000 "$file"; } > "$out/layout/$name-$(printf "$header" | od -An -tx1 | tr -d ' \n')"
  done
}
text embedded-zh "$assets/zh.md"
text embedded-en "$assets/en.md"
hostile=$(mktemp)
printf '\033[2J\033]52;c;AAAA\007\342\200\256txt\342\201\246x\342\201\251\t\ttab\302\233%s\177\n' '31m' > "$hostile"
printf '他说：“你好。”然后走了。他说：“你好。”\n' >> "$hostile"
printf 'A/RES/67/189 and 65/169, http://example.invalid/a/very/long/url/with/no/breaks\n' >> "$hostile"
printf 'e\314\201\314\201 \360\237\221\250\342\200\215\360\237\221\251 \341\237\230 \342\200\273 \302\267 \342\200\224 \302\260\n' >> "$hostile"
printf '  indented\n\n\r\n\t x[1] y[*]\n' >> "$hostile"
text hostile "$hostile"
rm -f "$hostile"

# store: a valid file, the smallest valid file, and kinds of invalid ones.
printf '{"version":1}' > "$out/store/minimal"
cat > "$out/store/valid" <<'JSON'
{
  "version": 1,
  "bookmarks": [
    { "doc": "A/RES/67/189", "clause": "op12", "note": "\u6d17\u94b1", "created": 1700000000 },
    { "doc": "fuzz-doc", "clause": "op1", "note": "", "created": 1 }
  ],
  "positions": { "A/RES/67/189": "op12", "fuzz-doc": "pp3" }
}
JSON
: > "$out/store/empty"
printf '{"version":2}' > "$out/store/newer"
printf '{"version":1,"bookmarks":[{"doc":"a","clause":"b","note":"c","created":1}]' > "$out/store/cut"
printf '[1,2]' > "$out/store/array"
printf '\377\376' > "$out/store/binary"
printf '{"version":1,"positions":{"a":"b","a":"c"}}' > "$out/store/twice"
