#!/bin/sh
# Real ASN data for rblscope's benchmarks: fetches the npm package
# @ip-location-db/asn (about 412,000 IPv4 ranges, CC BY 4.0 by RouteViews,
# NRO and DB-IP), turns its IPv4 CSV into a MaxMind DB with an IPv6 tree
# (like GeoLite2-ASN) and prints the DB's path.  Run from the repository
# root.  Re-uses what an earlier run left in the cache folder.
#   tests/bench/asn-data.sh [CACHE_DIR]      (default: build/bench-data)
# ASN_DATA_VERSION picks the package version; pinned so that figures
# from different runs describe the same data.

set -u

dir=${1:-build/bench-data}
version=${ASN_DATA_VERSION:-2.3.2026061719}
csv=$dir/asn-ipv4-$version.csv
db=$dir/asn-real.mmdb
stamp=$dir/asn-real.version
writer=assets/build/mkasndb.pl

die() { echo "asn-data.sh: $*" >&2; exit 1; }
note() { echo "asn-data.sh: $*" >&2; }

[ -f "$writer" ] || die "$writer not found: run from the repository root"
mkdir -p "$dir" || die "cannot create $dir"

# The package's IPv4 table: asn-ipv4.csv (dotted addresses); the numeric
# asn-ipv4-num.csv holds the same ranges and serves when the other is gone.
fetch_csv() {
	command -v npm >/dev/null 2>&1 || die "npm is not installed (Debian package npm)"
	tmp=$(mktemp -d "$dir/fetch.XXXXXX") || die "cannot create a folder in $dir"
	note "fetching @ip-location-db/asn@$version"
	(cd "$tmp" && npm pack --silent "@ip-location-db/asn@$version" >/dev/null) ||
		{ rm -rf "$tmp"; die "npm pack @ip-location-db/asn@$version failed"; }
	tar -xzf "$tmp"/*.tgz -C "$tmp" || { rm -rf "$tmp"; die "cannot unpack the package"; }
	for name in asn-ipv4.csv asn-ipv4-num.csv; do
		if [ -s "$tmp/package/$name" ]; then
			mv "$tmp/package/$name" "$csv.part" && mv "$csv.part" "$csv"
			rm -rf "$tmp"
			return 0
		fi
	done
	note "the package holds: $(ls "$tmp/package" | tr '\n' ' ')"
	rm -rf "$tmp"
	die "no IPv4 CSV in @ip-location-db/asn@$version"
}

# Current when built from this version's CSV by the current writer.
db_current() {
	[ -s "$db" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$version" ] &&
		[ ! "$writer" -nt "$db" ] && [ ! "$csv" -nt "$db" ]
}

[ -s "$csv" ] || fetch_csv
if ! db_current; then
	note "building $db from $(wc -l <"$csv") ranges"
	rm -f "$stamp"
	perl "$writer" --ip-version 6 -o "$db" "$csv" || die "mkasndb.pl failed on $csv"
	echo "$version" >"$stamp"
fi
echo "$db"
