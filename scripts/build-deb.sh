#!/bin/sh
# Builds depeche_<version>_amd64.deb with dpkg-deb (README: "Debian package"). `make deb` runs it
# after the static build and the man page; the files it packs come from the tree:
#   usr/bin/depeche                   BINARY, stripped; fails if it needs any Swift library
#   lib/systemd/system/depeche.service   systemd/depeche.service, paths made /usr/bin, /usr/share
#   usr/lib/sysusers.d, usr/lib/tmpfiles.d   systemd/depeche.sysusers, systemd/depeche.tmpfiles
#   etc/depeche/depeche.yaml          SYSTEM_CONFIG (conffile)
#   etc/default/depeche               systemd/depeche.default (conffile)
#   usr/share/depeche/gazetteer/      the built-in gazetteers' sources, for reference
#   etc/depeche/gazetteer/            empty: the administrator's own lists
#   usr/share/doc/depeche/            README.md, copyright, a changelog for VERSION
#   usr/share/man/man1/depeche.1.gz   MANPAGE
#   usr/share/lintian/overrides/      scripts/deb/lintian-overrides (each explained there)
#   DEBIAN/                           scripts/deb: control (Depends from dpkg-shlibdeps), scripts
#
# usage: scripts/build-deb.sh VERSION BINARY MANPAGE SYSTEM_CONFIG OUTPUT_DIR
set -eu

version=$1 binary=$2 manpage=$3 system_config=$4 out=$5
root=$out/root
rm -rf "$root" "$out/debian"
mkdir -p "$root/DEBIAN" "$out/debian"

install -D -m 0755 "$binary" "$root/usr/bin/depeche"
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$root/usr/bin/depeche"
swift_libraries=$(readelf -d "$root/usr/bin/depeche" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' \
	| grep -E '^lib(swift|Foundation|_Foundation|dispatch|BlocksRuntime|XCTest|Testing)' || true)
if [ -n "$swift_libraries" ]; then
	echo "build-deb: $binary needs Swift libraries (build it with --static-swift-stdlib):" $swift_libraries >&2
	exit 1
fi

sed -e 's|/usr/local/bin/depeche|/usr/bin/depeche|g' \
	-e 's|file:///usr/local/share/doc/depeche/README.md|file:///usr/share/doc/depeche/README.md.gz|' \
	systemd/depeche.service | install -D -m 0644 /dev/stdin "$root/lib/systemd/system/depeche.service"
install -D -m 0644 systemd/depeche.sysusers "$root/usr/lib/sysusers.d/depeche.conf"
install -D -m 0644 systemd/depeche.tmpfiles "$root/usr/lib/tmpfiles.d/depeche.conf"
install -D -m 0644 "$system_config" "$root/etc/depeche/depeche.yaml"
install -D -m 0644 systemd/depeche.default "$root/etc/default/depeche"
printf '/etc/depeche/depeche.yaml\n/etc/default/depeche\n' > "$root/DEBIAN/conffiles"

# The shipped gazetteers are compiled into the binary; their sources go along for reference,
# and /etc/depeche/gazetteer (extract.gazetteer_dir) is where the administrator's lists go.
install -d -m 0755 "$root/usr/share/depeche/gazetteer" "$root/etc/depeche/gazetteer"
install -m 0644 config/gazetteer/README.md Sources/DepecheCore/Extract/Lexicon/Gazetteer/*.tsv "$root/usr/share/depeche/gazetteer/"

doc=$root/usr/share/doc/depeche
install -d -m 0755 "$doc" "$root/usr/share/man/man1"
gzip -9n < README.md > "$doc/README.md.gz"
install -m 0644 scripts/deb/copyright "$doc/copyright"
install -D -m 0644 scripts/deb/lintian-overrides "$root/usr/share/lintian/overrides/depeche"
{
	printf 'depeche (%s) unstable; urgency=medium\n\n' "$version"
	printf '  * Release %s; the changes are in the project'"'"'s git history.\n\n' "$version"
	printf ' -- %s  %s\n' "$(sed -n 's/^Maintainer: //p' scripts/deb/control.in)" \
		"$(git log -1 --format=%aD 2>/dev/null || date -R)"
} | gzip -9n > "$doc/changelog.gz"
gzip -9n < "$manpage" > "$root/usr/share/man/man1/depeche.1.gz"
chmod 0644 "$doc"/* "$root/usr/share/man/man1/depeche.1.gz"

for script in postinst prerm postrm; do install -m 0755 "scripts/deb/$script" "$root/DEBIAN/$script"; done

# Depends: what the binary's NEEDED libraries belong to, with the versions their symbols need.
printf 'Source: depeche\n\nPackage: depeche\nArchitecture: amd64\n' > "$out/debian/control"
shlibs=$(cd "$out" && dpkg-shlibdeps -O root/usr/bin/depeche | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "build-deb: dpkg-shlibdeps found no dependency" >&2; exit 1; }

installed_size=$(du -sk --apparent-size --exclude=DEBIAN "$root" | cut -f1)
sed -e "s|@VERSION@|$version|" -e "s|@INSTALLED_SIZE@|$installed_size|" -e "s/@SHLIBS_DEPENDS@/$shlibs/" \
	scripts/deb/control.in > "$root/DEBIAN/control"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/control" "$root/DEBIAN/conffiles" "$root/DEBIAN/md5sums"

dpkg-deb --root-owner-group -Zxz --build "$root" "$out/depeche_${version}_amd64.deb"
