#!/bin/sh
# Rebuilds the bench programs reproducibly (same compiler -> same bytes):
# bare-metal RV64GC ELFs linked at 0x8000_0000 with tohost/fromhost for HTIF.
# Usage: bench/programs/build.sh [OUTDIR]   (needs riscv64-linux-gnu-gcc; OUTDIR defaults to here)
set -eu
cd "$(dirname "$0")"
OUT=${1:-.}
mkdir -p "$OUT"
CC=${CC:-riscv64-linux-gnu-gcc}
FLAGS="-O2 -g0 -march=rv64gc -mabi=lp64d -mcmodel=medany -ffreestanding -fno-builtin -fno-pie -no-pie \
  -nostdlib -nostartfiles -static -fno-asynchronous-unwind-tables -ffile-prefix-map=$(pwd)=. \
  -Wl,--build-id=none -Wl,--no-warn-rwx-segments -Wl,-T,link.ld"
$CC $FLAGS start.S mix.c -o "$OUT/mix.elf"
echo "built $OUT/mix.elf"
