#!/bin/sh
# The ASN walk on a full real database, built from the @ip-location-db/asn
# table: all networks of AS16509 and a full walk of the tree, against a
# walk that decodes every record with libmaxminddb's entry data lists.
# Targets: full walk <= 100 ms, one ASN <= 50 ms, peak RSS <= 32 MiB.
set -eu
db=$(sh tests/bench/asn-data.sh) || { echo "FAIL: cannot build the real ASN database"; exit 1; }
bench=build/tests/tools/asnbench
[ -x "$bench" ] || make -s "$bench"
"$bench" "$db" 16509 15
