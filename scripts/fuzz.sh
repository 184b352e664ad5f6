#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time (default 60 s each).
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# Not part of `cargo test` or .ci/run. Each target starts from the committed
# seeds in fuzz/seeds/TARGET (copied into fuzz/corpus/TARGET, which is not
# committed); a crash is saved under fuzz/artifacts/TARGET and stops the run
# with a non-zero exit code. Inputs over 64 KiB are not generated (the
# loaders' size limits are tested in tests/suite/bad_inputs.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
    targets=(profile rules edit jsonl escape)
fi
target_dir="${CARGO_TARGET_DIR:-$PWD/fuzz/target}"
cargo +nightly fuzz build -O --target-dir "$target_dir"
status=0
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    cp -n fuzz/seeds/"$t"/* "fuzz/corpus/$t/" 2>/dev/null || true
    echo "== $t: ${seconds}s"
    if ! cargo +nightly fuzz run -O --target-dir "$target_dir" "$t" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -dict=fuzz/toml.dict -print_final_stats=1; then
        echo "== $t: FAILED (see fuzz/artifacts/$t)"
        status=1
    fi
done
exit "$status"
