#!/usr/bin/env bash
# "Every test file passes alone" (issue 17): runs each test file of the unit suite
# (test/**/*.test.ts and src/**/*.test.ts(x), as vitest.config.ts includes them) in a vitest process
# of its own, one after the other, and lists the files that fail. A file that passes in the full run
# but fails alone depends on another file's data or order.
#
#   scripts/each-test-alone.sh [file ...]     (default: every test file)
#
# Each file gets its own database server set-up as in a full run (an embedded cluster, or
# TEST_DATABASE_URL when set). Logs of failing files are kept in $ALONE_LOGS (default
# a temporary folder). On the shared 2-core machine run it at low priority:
#   nice -n 19 env TEST_WORKERS=1 scripts/each-test-alone.sh
# Exit status: 0 when every file passed alone, 1 otherwise.
set -u
cd "$(dirname "$0")/.."
logs="${ALONE_LOGS:-$(mktemp -d -t each-test-alone-XXXXXX)}"
mkdir -p "$logs"
if [ "$#" -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'test/*.test.ts' 'test/**/*.test.ts' 'src/**/*.test.ts' 'src/**/*.test.tsx' \
    | grep -v -E '^test/(documents|reliability)/' | sort -u)
fi
export TEST_WORKERS="${TEST_WORKERS:-1}"
failed=()
start=$(date +%s)
for f in "${files[@]}"; do
  log="$logs/$(echo "$f" | tr '/' '_').log"
  t0=$(date +%s)
  if npx vitest run "$f" >"$log" 2>&1; then
    echo "pass $f ($(($(date +%s) - t0)) s)"
    rm -f "$log"
  else
    echo "FAIL $f ($(($(date +%s) - t0)) s): $log"
    failed+=("$f")
  fi
done
echo "each-test-alone: ${#files[@]} files, ${#failed[@]} failed alone, $(($(date +%s) - start)) s"
for f in "${failed[@]}"; do echo "  failed alone: $f"; done
[ "${#failed[@]}" -eq 0 ]
