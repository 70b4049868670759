#!/usr/bin/env bash
# Training throughput, generated nnet program vs PyTorch by hand, side by side (docs/benchmarks.md, "Training").
# Usage: [FIRST_REP=N] bench/throughput.sh LAST_REP MLP_RUN_DIR LENET5_RUN_DIR [OUT.jsonl]   (appends to OUT.jsonl)
#   *_RUN_DIR: run folders left by `./nnet train examples/mnist/{mlp,lenet5}.nnet` (their classes/ hold the
#   generated, compiled program). Each repetition runs, in this order: nnet MLP, PyTorch MLP, nnet LeNet-5,
#   PyTorch LeNet-5 — one thread each (OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=1, torch.set_num_threads(1)),
#   at nice 10, on the same real MNIST (first MLP_TAKE / LENET_TAKE training images), same batch (128 / 64).
#   Every result line gets the 1-minute load average before and after it. The generated programs train on the runtime's
#   compiled step where the network allows (their log says "Training step: compiled (...)"); NNET_GRAPH=1 also runs
#   each nnet model on the SameDiff graph step (-Dnnet.step=graph, impl "nnet-graph") right after it, for comparison.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=$1; mlp_run=$2; lenet_run=$3; out=${4:-/tmp/nnet-bench/throughput.jsonl}
MLP_TAKE=${MLP_TAKE:-20000}; LENET_TAKE=${LENET_TAKE:-10000}; EPOCHS=${EPOCHS:-2}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
rt=${NNET_RUNTIME_HOME:-bundles/org.nnet.runtime/target}  # a copy of it when others rebuild the checkout
classes=/tmp/nnet-bench/classes
mkdir -p "$classes" "$(dirname "$out")"
"${java%java}javac" -d "$classes" -cp "$rt/org.nnet.runtime-0.1.0-SNAPSHOT.jar:$rt/lib/*" bench/NnetThroughput.java
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 OMP_WAIT_POLICY=PASSIVE
load() { cut -d' ' -f1 /proc/loadavg; }
tag() { # adds rep and load averages to each JSON line
  local rep=$1 before=$2; while read -r line; do
    case $line in '{'*) echo "${line%\}},\"rep\":$rep,\"load_before\":$before,\"load_after\":$(load)}" ;; esac
  done
}
nnet() { # run folder, main class, take[, extra JVM option]
  nice -n 10 "$java" -Xmx4g ${4:-} -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$1/classes:$classes:$rt/org.nnet.runtime-0.1.0-SNAPSHOT.jar:$rt/lib/*" NnetThroughput "$2" "$3" "$EPOCHS" 2>/dev/null
}
torch() { nice -n 10 /usr/bin/python3 bench/torch_mnist.py --model "$1" --take "$2" --epochs "$EPOCHS"; }
for rep in $(seq "${FIRST_REP:-1}" "$reps"); do
  l=$(load); nnet "$mlp_run" examples.mnist.TrainMlp "$MLP_TAKE" | tag "$rep" "$l" | tee -a "$out"
  if [ -n "${NNET_GRAPH:-}" ]; then
    l=$(load); nnet "$mlp_run" examples.mnist.TrainMlp "$MLP_TAKE" -Dnnet.step=graph | tag "$rep" "$l" | tee -a "$out"
  fi
  l=$(load); torch mlp "$MLP_TAKE" | tag "$rep" "$l" | tee -a "$out"
  l=$(load); nnet "$lenet_run" examples.mnist.TrainLeNet5 "$LENET_TAKE" | tag "$rep" "$l" | tee -a "$out"
  if [ -n "${NNET_GRAPH:-}" ]; then
    l=$(load); nnet "$lenet_run" examples.mnist.TrainLeNet5 "$LENET_TAKE" -Dnnet.step=graph | tag "$rep" "$l" | tee -a "$out"
  fi
  l=$(load); torch lenet5 "$LENET_TAKE" | tag "$rep" "$l" | tee -a "$out"
done
