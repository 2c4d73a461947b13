#!/bin/sh
# Runs the benchmark of issue 7: the platform against a bare Californium server, side by side.
# It builds the distribution and this module first; set LAMPYRIS_BENCHMARK_NO_BUILD=1 to skip the build.
# Options (see --help): --repetitions R  --duration-seconds S  --warmup-seconds S  --sustain-seconds S  --smoke  --out DIR
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
if [ "${LAMPYRIS_BENCHMARK_NO_BUILD:-}" != 1 ]; then
  (cd "$root" && mvn -B -q install -DskipTests)
fi
# Compile this module (also when the root build does not list it) and write its runtime classpath.
(cd "$here" && mvn -B -q compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt -DincludeScope=runtime)
exec java -Dlampyris.dist="$root/runtime/target/lampyris" -Dlampyris.benchmark.out="$here/target/benchmark" \
  -cp "$here/target/classes:$(cat "$here/target/classpath.txt")" org.lampyris.tests.benchmark.Benchmark "$@"
