#!/usr/bin/env bash
# Wall time of whole processes, as a user meets them: the book's spiral run with the backprop
# command (JVM start included) on each JDK here, against the same run in PyTorch (Python start and
# import included). Median of 5 runs each. Needs Debian's python3-torch; build the command first
# (./backprop --help), with the newest JDK if its zero-copy products should be in the jar.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/../nn-examples/target/backprop.jar"
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
for jdk in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64; do
  if [[ -x "$jdk/bin/java" ]]; then
    echo "backprop train --dataset spiral, $("$jdk/bin/java" -version 2>&1 | head -1): $(median "$jdk/bin/java" -jar "$jar" train --dataset spiral --no-progress) ms"
  fi
done
echo "PyTorch (1 thread): $(median env OMP_NUM_THREADS=1 /usr/bin/python3 "$here/python/spiral_torch.py") ms"
