#!/usr/bin/env bash
# Full training runs for docs/benchmarks.md "Training" (accuracy). Usage: bench/train-accuracy.sh NAME [nnet train args...]
# Runs `nnet train` (which itself sets OMP_NUM_THREADS=1 for the child JVM) at nice 10, into $RUNS (default /tmp/nnet-runs),
# and logs the load average before and after plus the wall time.
# With NNET_SNAP=DIR it runs the command ./nnet ends with (java -cp DIR/cli/org.nnet.cli.jar:DIR/cli/lib/* org.nnet.cli.Main)
# on a copy of the built jars, with NNET_RUNTIME_HOME=DIR/runtime: ./nnet rebuilds the checkout whenever a source is newer
# than its jar, which on a shared checkout that others are editing means a full Maven build per run.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1; shift
runs=${RUNS:-/tmp/nnet-runs}
mkdir -p "$runs/logs"
log="$runs/logs/$name.log"
{
  echo "== $name: ./nnet train $* --runs $runs/$name"
  echo "start $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s)
  if [ -n "${NNET_SNAP:-}" ]; then
    nnet=(/usr/lib/jvm/temurin-25-jdk-amd64/bin/java --sun-misc-unsafe-memory-access=allow -cp "$NNET_SNAP/cli/org.nnet.cli.jar:$NNET_SNAP/cli/lib/*" org.nnet.cli.Main)
    export NNET_RUNTIME_HOME=$NNET_SNAP/runtime
  else
    nnet=(./nnet)
  fi
  echo "command: OMP_NUM_THREADS=1 nice -n 10 ${nnet[*]} train $* --runs $runs/$name"
  OMP_NUM_THREADS=1 nice -n 10 "${nnet[@]}" train "$@" --runs "$runs/$name" </dev/null 2>&1 | tr '\r' '\n' | grep -v '^\s*$' | tail -n 40 || true
  end=$(date +%s)
  echo "end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg) wall: $((end-start)) s"
} >"$log" 2>&1
# load samples every 30 s are in $runs/logs/load.log (bench/loadlog.sh)
