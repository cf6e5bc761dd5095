#!/bin/sh
# adns-job.sh NAMESERVER CHUNK NAMES OUT: what an rblscope export asks of
# DNS, done with adnshost: an A query for every name in the file NAMES
# (one a line), then a TXT query for every name that has an A record.
# adnshost sends all the queries it is given at once, more than a path
# may hold, so the names go CHUNK at a time to one adnshost process after
# another.  The replies, in adnshost's --asynch format, go to OUT.
# adnshost only ever asks port 53 of NAMESERVER: net.sh runs this inside
# a network namespace of its own.
set -u

ns=$1 chunk=$2 names=$3 out=$4
dir=$(mktemp -d "${TMPDIR:-/tmp}/adns-job.XXXXXX") || exit 2
trap 'rm -rf "$dir"' EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

# phase TYPE FILE: the names of FILE as TYPE queries, appended to OUT.
phase() {
	rm -f "$dir"/c.*
	split -a 6 -l "$chunk" "$2" "$dir/c." || exit 2
	for c in "$dir"/c.*; do
		[ -f "$c" ] || continue
		# +e: no ADNS_* variables of the caller; the config text stands in
		# for /etc/resolv.conf, which belongs to the host.
		{ echo "-t$1"; cat "$c"; } |
			adnshost +e --config "nameserver $ns" -Vq -a -f
	done >>"$out"
}

: >"$out" || exit 2
phase a "$names"
# An "ok" status line of an A query means the name is listed.
awk '$1 ~ /^[0-9]+$/ && $3 == "ok" { print $6 }' "$out" >"$dir/listed"
phase txt "$dir/listed"
exit 0
