#!/usr/bin/env bash
# Wall time of whole processes, as a user meets them (JVM or Python start included), median of 5
# runs each, nothing else should be running:
#  - the book's spiral run (10 001 epochs): `java -jar backprop.jar train --dataset spiral` on each
#    JDK here, `./backprop` as the README runs it (class-data sharing, after one run that records
#    the archive), and the same run in PyTorch (python/spiral_torch.py);
#  - one epoch of the book's Fashion-MNIST recipe with loading (`--epochs 1`), against
#    python/fashion_torch.py on 1 and 2 threads; skipped when the data set is not installed.
# Needs Debian's python3-torch (with libopenblas0-pthread); build the command first
# (./backprop --help), with the newest JDK if its zero-copy products should be in the jar.
set -euo pipefail
# Set on some machines for old OpenBLAS builds; they slow current ones (see compare.sh): every
# process below runs as on a machine where nobody set them.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
jar="$root/nn-examples/target/backprop.jar"
fashion="${FASHION_MNIST_DIR:-/usr/share/datasets/fashion-mnist}"
median() {
  local times=()
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$@" > /dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}
jdks=()
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  [[ -x "$jdk/bin/java" ]] && jdks+=("$jdk")
done
for jdk in "${jdks[@]}"; do
  version="$("$jdk/bin/java" -version 2>&1 | head -1)"
  echo "spiral, java -jar, $version: $(median "$jdk/bin/java" -jar "$jar" train --dataset spiral --no-progress) ms"
  PATH="$jdk/bin:$PATH" "$root/backprop" train --epochs 1 --no-progress > /dev/null 2>&1 # records the archive
  echo "spiral, ./backprop (CDS), $version: $(median env PATH="$jdk/bin:$PATH" "$root/backprop" train --dataset spiral --no-progress) ms"
done
echo "spiral, PyTorch (1 thread): $(median env OMP_NUM_THREADS=1 /usr/bin/python3 "$here/python/spiral_torch.py") ms"
if [[ -f "$fashion/train-images-idx3-ubyte.gz" ]]; then

  for jdk in "${jdks[@]}"; do
    version="$("$jdk/bin/java" -version 2>&1 | head -1)"
    echo "fashion-mnist epoch, java -jar, $version: $(median "$jdk/bin/java" -jar "$jar" train \
      --dataset fashion-mnist --data-dir "$fashion" --epochs 1 --no-progress) ms"
    echo "fashion-mnist epoch, ./backprop, $version: $(median env PATH="$jdk/bin:$PATH" "$root/backprop" train \
      --dataset fashion-mnist --data-dir "$fashion" --epochs 1 --no-progress) ms"
  done
  for threads in 1 2; do
    echo "fashion-mnist epoch, PyTorch ($threads threads): $(median env OMP_NUM_THREADS="$threads" /usr/bin/python3 \
      "$here/python/fashion_torch.py" "$fashion" "$threads") ms"
  done

fi
