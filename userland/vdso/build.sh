#!/bin/sh
# Rebuilds the vDSO image and regenerates core/kernel/exec/vdso-image.ts.
# Needs riscv64-linux-gnu-gcc; the generated file is committed so nothing else does.
set -eu
cd "$(dirname "$0")"
out=../../.cache/vdso; mkdir -p "$out"
riscv64-linux-gnu-gcc -nostdlib -shared -fPIC -Wl,-soname=linux-vdso.so.1 -Wl,--hash-style=both \
  -Wl,-T,vdso.lds -Wl,--version-script=vdso.map -Wl,--eh-frame-hdr -Wl,--build-id=none -Wl,-z,max-page-size=4096 \
  -o "$out/vdso.so" vdso.S
riscv64-linux-gnu-strip --strip-debug -R .comment "$out/vdso.so" -o "$out/vdso.stripped"
{
  echo "// The vDSO image built by userland/vdso/build.sh from userland/vdso/vdso.S (generated; do not edit)."
  echo "export const VDSO_IMAGE_BASE64 ="
  base64 -w 100 "$out/vdso.stripped" | sed "s/.*/  '&' +/"
  echo "  '';"
} > ../../core/kernel/exec/vdso-image.ts
echo "vdso: $(wc -c < "$out/vdso.stripped") bytes"
