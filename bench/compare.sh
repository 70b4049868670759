#!/usr/bin/env bash
# Training throughput, nnet against PyTorch on this machine, back to back in one run (docs/benchmarks.md, "Training").
# Usage: bench/compare.sh REPS RUNS_DIR [OUT.jsonl]
#   RUNS_DIR holds one run folder per example, left by `./nnet train FILE --epochs 1 --take 256 --runs RUNS_DIR`
#   for examples/mnist/mlp.nnet, examples/mnist/lenet5.nnet, examples/text/char_lstm.nnet and
#   examples/text/seq2seq_attention.nnet (their classes/ hold the generated, compiled programs; the newest
#   folder of each training is used).
# Each repetition runs, one after the other and never two at once: MLP and LeNet-5 at 1 and at 2 threads (nnet, then
# PyTorch), then the char-LSTM and seq2seq at 1 thread. nnet runs the generated program's own task(), options() and
# trainingData() through the runtime's Trainer (bench/NnetThroughput.java); PyTorch runs bench/torch_mnist.py and
# bench/torch_text.py (the same models by hand). Every JSON line gets the rep, the thread count, the peak RSS of its
# process (kB, from /usr/bin/time) and the 1-minute load average before and after it. Summarise with bench/summarize.py.
set -euo pipefail
cd "$(dirname "$0")/.."
reps=$1; runs=$2; out=${3:-/tmp/nnet-bench/compare.jsonl}
MLP_TAKE=${MLP_TAKE:-20000}; LENET_TAKE=${LENET_TAKE:-10000}; CHAR_TAKE=${CHAR_TAKE:-320}; SEQ_TAKE=${SEQ_TAKE:-2560}
EPOCHS=${EPOCHS:-2}
java=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
rt=${NNET_RUNTIME_HOME:-bundles/org.nnet.runtime/target}
classes=/tmp/nnet-bench/classes
mkdir -p "$classes" "$(dirname "$out")"
"${java%java}javac" -d "$classes" -cp "$rt/org.nnet.runtime-0.1.0-SNAPSHOT.jar:$rt/lib/*" bench/NnetThroughput.java
run_of() { ls -d "$runs/$1"/*/ | sort | tail -n 1; }
load() { cut -d' ' -f1 /proc/loadavg; }
rss=$(mktemp)
measure() { # rep threads command...: runs the command, tags its JSON lines
  local rep=$1 threads=$2; shift 2
  local before; before=$(load)
  local lines
  lines=$(OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads OMP_WAIT_POLICY=PASSIVE /usr/bin/time -f '%M' -o "$rss" "$@" 2>/dev/null | grep '^{' || true)
  local after kb; after=$(load); kb=$(tail -n 1 "$rss")
  while read -r line; do
    [ -n "$line" ] && echo "${line%\}},\"rep\":$rep,\"threads\":$threads,\"peak_rss_kb\":$kb,\"load_before\":$before,\"load_after\":$after}"
  done <<<"$lines" | tee -a "$out"
}
nnet() { # training name, main class, take: the command that runs the generated program (/usr/bin/time runs no shell function)
  local run; run=$(run_of "$1")
  echo "$java" -Xmx4g -Djava.awt.headless=true --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
    -cp "$run/classes:$classes:$rt/org.nnet.runtime-0.1.0-SNAPSHOT.jar:$rt/lib/*" NnetThroughput "$2" "$3" "$EPOCHS"
}
echo "compare.sh start $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
# ONLY=mnist or ONLY=text runs one group (the text models train slowly on the graph step: fewer reps for them)
for rep in $(seq "${FIRST_REP:-1}" "$reps"); do
  [ "${ONLY:-mnist}" = text ] || for threads in 1 2; do
    measure "$rep" "$threads" $(nnet TrainMlp examples.mnist.TrainMlp "$MLP_TAKE")
    measure "$rep" "$threads" /usr/bin/python3 bench/torch_mnist.py --model mlp --take "$MLP_TAKE" --epochs "$EPOCHS"
    measure "$rep" "$threads" $(nnet TrainLeNet5 examples.mnist.TrainLeNet5 "$LENET_TAKE")
    measure "$rep" "$threads" /usr/bin/python3 bench/torch_mnist.py --model lenet5 --take "$LENET_TAKE" --epochs "$EPOCHS"
  done
  [ "${ONLY:-text}" = mnist ] && continue
  measure "$rep" 1 $(nnet TrainCharLstm examples.text.TrainCharLstm "$CHAR_TAKE")
  measure "$rep" 1 /usr/bin/python3 bench/torch_text.py --model charlstm --take "$CHAR_TAKE" --epochs "$EPOCHS"
  measure "$rep" 1 $(nnet TrainReverse examples.text.TrainReverse "$SEQ_TAKE")
  measure "$rep" 1 /usr/bin/python3 bench/torch_text.py --model seq2seq --take "$SEQ_TAKE" --epochs "$EPOCHS"
done
echo "compare.sh end $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
rm -f "$rss"
