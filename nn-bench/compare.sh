#!/usr/bin/env bash
# Runs the nn-bench workloads in Backprop (JMH), then in PyTorch (1 and 2 threads) and NumPy,
# and prints each ratio. Needs Debian's python3-torch, python3-numpy and libopenblas0-pthread
# (without the last, NumPy and PyTorch run on the reference BLAS and every ratio flatters us).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
jar="$here/target/benchmarks.jar"
if [[ ! -f "$jar" ]]; then
  (cd "$root" && mvn -B -q -DskipTests -Dinvoker.skip package -pl nn-bench -am)
fi
out="$(mktemp -d)"
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE may be set on this machine for old OpenBLAS builds; they
# slow a current one (the OpenBLAS 0.3.30 bundled in nn-blas picks Cooperlake's AVX-512 kernels on
# this Zen 5 without them, Haswell's with them: W1's products 2-4x slower), so both sides run
# without them, as on a machine where nobody set them.
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
  java -jar "$jar" -f 1 -wi 3 -w 1 -i 5 -r 1 -prof gc -rf json -rff "$out/jmh.json" 'TrainingBenchmark|GemmBenchmark' >&2
# OMP_WAIT_POLICY=PASSIVE: PyTorch's OpenMP threads otherwise spin against OpenBLAS's for the two
# cores (W2 on 2 threads: 2.0 ms spinning, 1.8 ms passive); it is PyTorch's best configuration here.
for threads in 1 2; do
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS="$threads" OMP_NUM_THREADS="$threads" \
    OMP_WAIT_POLICY=PASSIVE \
    /usr/bin/python3 "$here/python/bench_python.py" "$threads" > "$out/python-$threads.jsonl"
done
/usr/bin/python3 "$here/python/compare.py" "$out/jmh.json" "$out/python-1.jsonl" "$out/python-2.jsonl"
