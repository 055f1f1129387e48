#!/bin/bash
# Builds our libc (libc.a) and every program in userland/src into userland/bin
# (or into $1), reproducibly: fixed flags, sorted inputs, no build ids or
# timestamps, paths mapped relative to the repository, deterministic ar.
#   bash userland/build.sh [OUT_DIR]
# Programs: userland/src/NAME.c, or userland/src/NAME/*.c for multi-file ones
# (userland/src/tests/*.c are test programs, built into OUT_DIR/tests/).
# SYSCALL_LIST=FILE regenerates the syscall numbers from another list.
set -euo pipefail
export LC_ALL=C SOURCE_DATE_EPOCH=0 ZERO_AR_DATE=1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
mkdir -p "${1:-$here/bin}"
out=$(cd "${1:-$here/bin}" && pwd)
obj="$root/.cache/userland-obj/$(echo "$out" | md5sum | cut -c1-8)"
CC=${CC:-riscv64-linux-gnu-gcc}
AR=${AR:-riscv64-linux-gnu-ar}
command -v "$CC" >/dev/null || { echo "build.sh: $CC not found (apt install gcc-riscv64-linux-gnu)" >&2; exit 2; }
JOBS=${JOBS:-2}

CFLAGS=(-march=rv64gc -mabi=lp64d -O2 -std=gnu11 -ffreestanding -fno-pic -fno-pie -fno-stack-protector
  -fno-asynchronous-unwind-tables -fno-unwind-tables -ffunction-sections -fdata-sections -fno-ident
  -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
  -nostdinc -isystem "$($CC -print-file-name=include)" -I userland/libc/include
  "-ffile-prefix-map=$root/=" "-fdebug-prefix-map=$root/=")
LDFLAGS=(-march=rv64gc -mabi=lp64d -static -nostdlib -no-pie -Wl,--gc-sections -Wl,--build-id=none
  -Wl,-z,noexecstack -Wl,-z,norelro -Wl,-z,max-page-size=4096 -s)
libgcc=$($CC -print-libgcc-file-name)

rm -rf "$obj" && mkdir -p "$obj/libc" "$obj/prog"
cd "$root"
bash userland/libc/gensyscalls.sh ${SYSCALL_LIST:+"$SYSCALL_LIST"} > "$obj/syscall.h"
cmp -s "$obj/syscall.h" userland/libc/include/bits/syscall.h || cp "$obj/syscall.h" userland/libc/include/bits/syscall.h

# Runs "$@" in the background, at most $JOBS at a time; fail remembers any failure.
fail=0
run() {
  while [ "$(jobs -rp | wc -l)" -ge "$JOBS" ]; do wait -n || fail=1; done
  "$@" &
}
drain() { while [ -n "$(jobs -rp)" ]; do wait -n || fail=1; done; wait || fail=1; [ $fail = 0 ] || { echo "build.sh: failed" >&2; exit 1; }; }

for s in $(find userland/libc/src -name '*.[cS]' | sort); do
  b=$(basename "$s"); run "$CC" "${CFLAGS[@]}" -c "$s" -o "$obj/libc/${b%.*}.o"
done
drain
(cd "$obj/libc" && ls *.o | grep -v '^crt0.o$' | sort | xargs "$AR" rcsD ../libc.a)

progs=$(cd userland/src && { for f in *.c; do [ -f "$f" ] && echo "${f%.c}"; done
  for d in */; do if [ "$d" != tests/ ] && ls "$d"*.c >/dev/null 2>&1; then echo "${d%/}"; fi; done; } | sort -u)
tests=$(cd userland/src && ls tests/*.c 2>/dev/null | sed 's/\.c$//' | sort || true)
for p in $progs; do
  if [ -d "userland/src/$p" ]; then
    for s in $(ls userland/src/$p/*.c | sort); do b=$(basename "$s"); run "$CC" "${CFLAGS[@]}" -c "$s" -o "$obj/prog/$p.${b%.c}.o"; done
  else run "$CC" "${CFLAGS[@]}" -c "userland/src/$p.c" -o "$obj/prog/$p.o"; fi
done
for t in $tests; do run "$CC" "${CFLAGS[@]}" -c "userland/src/$t.c" -o "$obj/prog/${t//\//_}.o"; done
drain
link() { # out objs...
  local o=$1; shift
  "$CC" "${LDFLAGS[@]}" -o "$o" "$obj/libc/crt0.o" "$@" "$obj/libc.a" "$libgcc" "$obj/libc.a"
}
for p in $progs; do
  if [ -d "userland/src/$p" ]; then run link "$out/$p" $(ls "$obj/prog/$p".*.o | sort)
  else run link "$out/$p" "$obj/prog/$p.o"; fi
done
if [ -n "$tests" ]; then mkdir -p "$out/tests"; fi
for t in $tests; do run link "$out/$t" "$obj/prog/${t//\//_}.o"; done
drain
# Extra names for multi-personality programs (symbolic links, as busybox-style names).
for l in "[:test" "pkill:pgrep" "egrep:grep" "fgrep:grep" "reboot:poweroff" "halt:poweroff"; do ln -sfn "${l#*:}" "$out/${l%%:*}"; done
echo "built $(echo $progs | wc -w) programs and $(echo $tests | wc -w) tests into $out"
