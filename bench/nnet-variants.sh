#!/usr/bin/env bash
# Same generated MLP/LeNet-5 program (bench/NnetThroughput.java), run with different process settings, to find where the
# time goes. Usage: bench/nnet-variants.sh RUN_DIR MAIN_CLASS TAKE EPOCHS   (needs bench/throughput.sh's compiled classes)
set -uo pipefail
cd "$(dirname "$0")/.."
run=$1; main=$2; take=$3; epochs=$4
java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
rt=${NNET_RUNTIME_HOME:-bundles/org.nnet.runtime/target}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
go() { # label, extra env/JVM options via env
  local label=$1; shift
  local l; l=$(cut -d' ' -f1 /proc/loadavg)
  env "$@" nice -n 10 "$java" -Xmx4g $JOPTS --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$run/classes:/tmp/nnet-bench/classes:$rt/org.nnet.runtime-0.1.0-SNAPSHOT.jar:$rt/lib/*" NnetThroughput "$main" "$take" "$epochs" 2>/dev/null \
    | grep '^{' | sed "s/}\$/,\"variant\":\"$label\",\"load_before\":$l,\"load_after\":$(cut -d' ' -f1 /proc/loadavg)}/"
}
for rep in 1 2; do
  JOPTS="" go default X=1
  JOPTS="-Dorg.bytedeco.javacpp.maxphysicalbytes=0 -Dorg.bytedeco.javacpp.maxbytes=0" go no-javacpp-memory-checks X=1
  JOPTS="" go glibc-no-mmap MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=1073741824 MALLOC_TOP_PAD_=268435456
done
