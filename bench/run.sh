#!/usr/bin/env bash
# The benchmark of `certcheck screen`, from a fresh clone:
#
#   bash bench/run.sh            # 100,000 JSON Lines profiles, 20,000 TOML files, 5 runs each
#   REPS=3 COUNT=20000 FILES=5000 bash bench/run.sh   # smaller, quicker
#
# Builds the release binary and the two examples (gen_roster, bench_screen),
# writes the rosters to target/bench/ (once: kept between runs), then times,
# interleaved on the same machine, serde_json and toml parsing single-threaded
# against `certcheck screen --cert cmq-oe --cert cpim` in each format. Prints a
# Markdown table; exits 1 when a parallel screen run is over 1.2 x its baseline.
set -euo pipefail
cd "$(dirname "$0")/.."
COUNT="${COUNT:-100000}"
FILES="${FILES:-20000}"
REPS="${REPS:-5}"
export CARGO_TERM_COLOR=never
cargo build --release --locked --bin certcheck --example gen_roster --example bench_screen
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release"
data="$target/bench"
jsonl="$data/roster-$COUNT.jsonl"
toml="$data/toml-$FILES"
if [ ! -s "$jsonl" ]; then
  "$bin/examples/gen_roster" --count "$COUNT" --out "$jsonl.tmp"
  mv "$jsonl.tmp" "$jsonl"
fi
if [ ! -d "$toml" ]; then
  rm -rf "$toml.tmp"
  "$bin/examples/gen_roster" --count "$FILES" --format toml --out "$toml.tmp"
  mv "$toml.tmp" "$toml"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$bin/examples/bench_screen" --certcheck "$bin/certcheck" --jsonl "$jsonl" --toml "$toml" --reps "$REPS"
