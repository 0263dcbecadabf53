#!/bin/sh
# Proves the package runs where Swift is absent (README: "Debian package"): a minimal Debian 12
# root (debootstrap --variant=minbase bookworm, /proc mounted), the package installed there with
# apt-get (which pulls only its declared dependencies), then `depeche --help`, `depeche check`
# and `depeche status` (both finding /etc/depeche/depeche.yaml by themselves) and
# `depeche extract` on a page; then purge, which must remove the data. Needs root and a Debian
# mirror (MIRROR, default the one apt uses here). Every run starts from a pristine root: the
# first run keeps what debootstrap made in ROOT_DIR.tar (delete it to bootstrap again).
#
# usage: scripts/deb-check.sh DEB ROOT_DIR
set -eu

deb=$1 root=$2
mirror=${MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -n 1)}
mirror=${mirror:-http://deb.debian.org/debian}

cleanup() { umount "$root/proc" 2>/dev/null || true; }
trap cleanup EXIT INT TERM
cleanup
rm -rf "$root"
started=$(date +%s)
if [ -f "$root.tar" ]; then
	mkdir "$root" && tar -xf "$root.tar" -C "$root"
else
	debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.debootstrap.log" 2>&1 \
		|| { tail -n 20 "$root.debootstrap.log" >&2; exit 1; }
	tar -cf "$root.tar" -C "$root" .
fi
echo "deb-check: minimal bookworm root made in $(( $(date +%s) - started )) s ($(du -sh "$root" | cut -f1))"
mount -t proc proc "$root/proc"
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp "$deb" "$root/tmp/"
in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 "$@"; }

in_root apt-get update -qq
in_root sh -c "DEBIAN_FRONTEND=noninteractive apt-get install -y -qq /tmp/$(basename "$deb")" > "$root.install.log" 2>&1 \
	|| { tail -n 30 "$root.install.log" >&2; exit 1; }
echo "deb-check: installed; packages in the root: $(in_root dpkg-query -W | wc -l)"
if in_root sh -c 'ls -d /opt/swift* /usr/lib/swift* /usr/share/swift* 2>/dev/null' | grep -q .; then
	echo "deb-check: the root has a Swift toolchain: the check proves nothing" >&2
	exit 1
fi
echo "deb-check: libraries the binary loads:"
in_root ldd /usr/bin/depeche

echo "deb-check: depeche --help"
in_root depeche --help | head -n 5
echo "deb-check: depeche check (no --config: /etc/depeche/depeche.yaml)"
in_root depeche check
echo "deb-check: depeche status (no --config; the daemon has not run in the root, so no log yet)"
in_root depeche status 2>&1 | grep -q 'no event log at /var/lib/depeche/state/events.jsonl'
cat > "$root/tmp/page.txt" <<'PAGE'
Bank Al-Maghrib maintient son taux directeur

Rabat, le 24 septembre — Bank Al-Maghrib a maintenu mardi son taux directeur à 2,75 %, a
annoncé le wali Abdellatif Jouahri, qui prévoit une croissance de 3,2 % cette année.
PAGE
echo "deb-check: depeche extract /tmp/page.txt"
in_root depeche extract /tmp/page.txt > "$root/tmp/extract.out"
grep -q '"type":"document.ingested"' "$root/tmp/extract.out" && grep -q '"canonical":"Bank Al-Maghrib"' "$root/tmp/extract.out" \
	|| { cat "$root/tmp/extract.out" >&2; echo "deb-check: extract did not find the page's entities" >&2; exit 1; }
cut -c 1-300 "$root/tmp/extract.out"

in_root sh -c 'DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq depeche' > "$root.purge.log" 2>&1
if [ -e "$root/var/lib/depeche" ] || [ -e "$root/etc/depeche/depeche.yaml" ]; then
	echo "deb-check: purge left /var/lib/depeche or /etc/depeche/depeche.yaml" >&2
	exit 1
fi
echo "deb-check: purge removed the data and the configuration"
echo "deb-check: ok"
