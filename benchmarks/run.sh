#!/usr/bin/env bash
# Runs Kafkify's benchmarks: builds what they need with Maven, then runs them with plain java.
#
#   benchmarks/run.sh [--quick|--full] [--jfr] [options]
#
#   --quick   (default) tiny counts, one round, no JMH: checks that every arm works (~1 min)
#   --full    the measurement of issue 7: 2,000,000 records, 1 warm-up + 5 rounds, JMH (~10 min on 2 cores)
#   --jfr     record a Java Flight Recording of the benchmark JVM to benchmarks/target/benchmark.jfr
#   options   --scenarios 1,2,3,4,5  --arms NAME[,NAME]  --records N  --reps N  --warmups N  --no-jmh
#
# The report (Markdown) goes to standard output and to benchmarks/target/results-<mode>-<time>.md.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mode="--quick"
jfr=""
args=()
for arg in "$@"; do
  case "$arg" in
    --quick|--full) mode="$arg" ;;
    --jfr) jfr="-XX:StartFlightRecording=filename=$root/benchmarks/target/benchmark.jfr,settings=profile,dumponexit=true" ;;
    *) args+=("$arg") ;;
  esac
done

# -DskipTests: the build's own tests are not what this script runs (the quick mode runs in
# `mvn verify` as BenchmarksQuickIT).
mvn -B -q -pl benchmarks -am package -DskipTests

classpath="$root/benchmarks/target/classes:$(cat "$root/benchmarks/target/benchmark-classpath.txt")"
results="$root/benchmarks/target/results-${mode#--}-$(date -u +%Y%m%dT%H%M%SZ).md"

# A fixed heap, so that runs compare; G1 as in production. ${jfr:+...} adds the recording only when asked.
java -Xms2g -Xmx2g -XX:+UseG1GC ${jfr:+"$jfr"} -cp "$classpath" io.kafkify.benchmarks.BenchmarkMain "$mode" \
  ${args[@]+"${args[@]}"} | tee "$results"
status=${PIPESTATUS[0]}
echo "Report written to $results"
exit "$status"
