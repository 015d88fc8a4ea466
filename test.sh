#!/usr/bin/env bash
# The one test command (README quick start, step 2; .ci/run calls it):
# install dependencies, build native/ and the solution, run ctest and every .NET test project
# one after another (busy-polling tests must not share the 2 cores with another test host),
# then print the totals as a plain line "N passed, N failed, N skipped".
set -uo pipefail
root=$(cd "$(dirname "$0")" && pwd)
cd "$root"
results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"

scripts/install-deps.sh || { echo "dependency install failed"; echo "0 passed, 1 failed"; exit 1; }
scripts/build-native.sh || { echo "native build failed"; echo "0 passed, 1 failed"; exit 1; }

build_failed=0
dotnet build BbuPool.sln -c Release -nologo -clp:ErrorsOnly || build_failed=1
if [ $build_failed -ne 0 ]; then echo "build failed"; echo "0 passed, 1 failed"; exit 1; fi

# ctest: the native shim's own C tests.
(cd native/build && ctest --output-on-failure --output-junit "$results/ctest.xml") | tail -n 3

for proj in tests/*Tests/*.csproj; do
  name=$(basename "$proj" .csproj)
  echo "== $name"
  # --blame-hang-timeout: a hung test is killed (and counted as failed) instead of eating CI's 90 minutes.
  dotnet test "$proj" -c Release --no-build -nologo --blame-hang-timeout 10m \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal" > "$results/$name.log" 2>&1
  echo $? > "$results/$name.exit"
  grep -vE '^\s*$' "$results/$name.log" | tail -n 25
done

/usr/bin/env python3 "$root/scripts/summarize-tests.py" "$results"
