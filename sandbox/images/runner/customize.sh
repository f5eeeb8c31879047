#!/bin/sh
# mmdebstrap --customize-hook for the runner image: called as `customize.sh <rootdir>`
# after all packages are installed. The online Dockerfile runs it as `customize.sh /`.
# Keep it deterministic: its content is part of the image hash (sandbox/images/build.ts).
set -eu
root="${1:?usage: customize.sh ROOTDIR}"
root="${root%/}"

# Users of the sandbox (sandbox/supervisor/PROTOCOL.md, "Users"): no home, no login, no
# password. Written directly (not useradd) so the files are byte-identical between builds.
add_user() { # name uid
  grep -q "^$1:" "$root/etc/group" || echo "$1:x:$2:" >>"$root/etc/group"
  [ ! -e "$root/etc/gshadow" ] || grep -q "^$1:" "$root/etc/gshadow" || echo "$1:!::" >>"$root/etc/gshadow"
  grep -q "^$1:" "$root/etc/passwd" || echo "$1:x:$2:$2:Arbiter $1:/nonexistent:/usr/sbin/nologin" >>"$root/etc/passwd"
  [ ! -e "$root/etc/shadow" ] || grep -q "^$1:" "$root/etc/shadow" || echo "$1:!:1::::::" >>"$root/etc/shadow"
}
add_user arbiter-sup 1000
add_user arbiter-build 1001
add_user arbiter-run 1002

# /box: the session's work directory, owned by arbiter-build (the backends usually mount a
# tmpfs over it). /tmp: empty, sticky, world-writable. /opt/arbiter: supervisor + manifest.
mkdir -p "$root/box" "$root/opt/arbiter" "$root/tmp"
chown 1001:1001 "$root/box"
chmod 0755 "$root/box" "$root/opt/arbiter"
find "$root/tmp" -mindepth 1 -delete
chmod 1777 "$root/tmp"

# Shrink: apt lists and caches, documentation (copyright files are kept), logs.
rm -rf "$root/var/lib/apt/lists/"* "$root/var/cache/apt/"* "$root/var/cache/debconf/"*-old \
  "$root/usr/share/man/"* "$root/usr/share/info/"* "$root/usr/share/lintian" \
  "$root/var/log/apt/"* "$root/var/log/dpkg.log" "$root/var/log/alternatives.log" \
  "$root/var/log/bootstrap.log"
find "$root/usr/share/doc" -mindepth 1 ! -type d ! -name copyright -delete 2>/dev/null || true
find "$root/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
# Keep Python's __pycache__: the rootfs is read-only at run time, so without them every
# run would recompile the standard library and numpy on import.

# Exact package versions, for runner-image.json and `doctor`.
dpkg-query --admindir="$root/var/lib/dpkg" -W >"$root/opt/arbiter/manifest.txt"
chmod 0644 "$root/opt/arbiter/manifest.txt"
