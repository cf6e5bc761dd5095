#!/bin/sh
# Export of an ASN target: one row per network of the ASN from the ASN
# database.  Over DNS (rbldnsd), its level-3 state and its level-2
# coverage probed one query per /24, a large ASN sampled and saying so;
# from the same zone files, every zone's exact count per network.  Bad
# ASN targets are input errors.
. tests/e2e/lib.sh

need_rblscope
make_asn_db "$E2E_FIX/asn.csv" "$T/asn.mmdb" 6
start_rbldnsd "$E2E_FIX/zones" $ZONE_L1 $ZONE_L2 $ZONE_L3
LIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 2000 --timeout 3000"
DB="--db $T/asn.mmdb"
HEAD='network,size,l3,l2_listed_24s,l2_clean_24s,l2_error_24s,l2_pending_24s,l2_probed_24s,blocks_24,sampled,asn,as_org'

# AS64500 holds 192.0.2.0/25 (in the level-2 range 192.0.2.0/25) and
# 203.0.113.0/24 (no level-2 range); level 3 lists both.
cat >"$T/exp64500.csv" <<EOF2
$HEAD
192.0.2.0/25,128,listed,1,0,0,0,1,1,no,64500,EXAMPLE-NET
203.0.113.0/24,256,listed,0,1,0,0,1,1,no,64500,EXAMPLE-NET
EOF2
# shellcheck disable=SC2086
rbl live --export csv $LIVE $DB AS64500
expect_status 1 "AS64500 over DNS: listed, exits 1"
assert_file_eq "$T/exp64500.csv" "$T/live.out" "AS64500 over DNS: one row per network"
# From the zone files, exactly (tests/e2e/fixtures/README): l1 lists
# .5 .17 .66 of the /25, l2 all of it but .100, l3 both networks.
cat >"$T/exact64500.csv" <<EOF2
network,size,l1,l2,l3,blocked,collateral,asn,as_org
192.0.2.0/25,128,3,127,128,128,125,64500,EXAMPLE-NET
203.0.113.0/24,256,0,0,256,256,256,64500,EXAMPLE-NET
EOF2
# shellcheck disable=SC2086
rbl zones --export csv --zones "$E2E_FIX/zones" $DB as64500
expect_status 1 "AS64500 from zone files: exits 1"
assert_file_eq "$T/exact64500.csv" "$T/zones.out" "AS64500 from zone files: exact rows"
# shellcheck disable=SC2086
rbl zjson --export json --zones "$E2E_FIX/zones" $DB AS64500
assert_eq '{"network":"192.0.2.0/25","size":128,"l1":3,"l2":127,"l3":128,"blocked":128,"collateral":125,"asn":64500,"as_org":"EXAMPLE-NET"}' \
	"$(head -n 1 "$T/zjson.out")" "AS64500 from zone files: JSON with the same keys"
# shellcheck disable=SC2086
rbl ztext --export text --zones "$E2E_FIX/zones" $DB AS64500
assert_contains "$T/ztext.out" "collateral 381 addresses (ratio 127.0)" "text from zone files: exact collateral"
assert_not_contains "$T/ztext.out" "estimate" "text from zone files: no estimate"
assert_not_contains "$T/ztext.out" "sampled" "text from zone files: nothing sampled"

# AS64502 (198.51.100.0/24) is on no level-2 or level-3 list.
# shellcheck disable=SC2086
rbl clean --export json $LIVE $DB AS64502
expect_status 0 "AS64502: nothing listed, exits 0"
assert_eq '{"network":"198.51.100.0/24","size":256,"l3":"clean","l2_listed_24s":0,"l2_clean_24s":1,"l2_error_24s":0,"l2_pending_24s":0,"l2_probed_24s":1,"blocks_24":1,"sampled":false,"asn":64502,"as_org":"Réseau \"Doc\", SARL"}' \
	"$(cat "$T/clean.out")" "AS64502: the JSON line of its network"

# shellcheck disable=SC2086
rbl text --export text $LIVE $DB AS64500
assert_contains "$T/text.out" "AS64500 EXAMPLE-NET" "text: names the ASN and its organisation"
assert_contains "$T/text.out" "2 of 2 networks listed on UCE-3: 384 addresses blocked" "text: the ASN zone's arithmetic"
assert_contains "$T/text.out" "spamscore 66" "text: what the level-3 TXT says"

# A large ASN: 100.64.0.0/10 is 16,384 /24s, more than the probe budget
# (4,096), so over DNS it is sampled evenly; level 2 lists its first /16
# (256 /24s, 1/64 of it), level 3 all of it.  From the zone files it is
# counted exactly.
mkdir -p "$T/big"
printf '100.64.0.0,100.127.255.255,64999,BIG-NET\n198.18.0.0,198.18.0.255,64999,BIG-NET\n' >"$T/big.csv"
make_asn_db "$T/big.csv" "$T/big.mmdb" 4
printf '127.0.0.2\n' >"$T/big/$ZONE_L1"
printf ':127.0.0.2:Net 100.64.0.0/16 is UCEPROTECT-Level2 listed\n127.0.0.2\n100.64.0.0/16\n' >"$T/big/$ZONE_L2"
printf ':127.0.0.2:Your ISP BIG-NET/AS64999 is UCEPROTECT-Level3 listed\n127.0.0.2\n100.64.0.0/10\n' >"$T/big/$ZONE_L3"
rbl bigexact --export csv --zones "$T/big" --db "$T/big.mmdb" AS64999
expect_status 1 "big ASN from zone files: exits 1"
assert_eq "network,size,l1,l2,l3,blocked,collateral,asn,as_org
100.64.0.0/10,4194304,0,65536,4194304,4194304,4194304,64999,BIG-NET
198.18.0.0/24,256,0,0,0,0,0,64999,BIG-NET" "$(cat "$T/bigexact.out")" "big ASN from zone files: exact, nothing sampled"
stop_bg "$RBLDNSD_PID"
start_rbldnsd "$T/big" $ZONE_L1 $ZONE_L2 $ZONE_L3
BIGLIVE="--resolver 127.0.0.1:$RBLDNSD_PORT --rate 0 --timeout 3000"
# shellcheck disable=SC2086
rbl big --export csv $BIGLIVE --db "$T/big.mmdb" AS64999
expect_status 1 "big ASN: exits 1"
assert_lines 3 "$T/big.out" "big ASN: header and two networks"
row=$(grep '^100.64.0.0/10,' "$T/big.out")
# shellcheck disable=SC2086
set -- $(echo "$row" | tr ',' ' ')
assert_eq "4194304 listed 16384 yes" "$2 $3 $9 ${10}" "big ASN: /10 listed on level 3, its 16,384 /24s sampled"
[ "$8" -ge 4000 ] && [ "$8" -le 4096 ] || fail "big ASN: $8 probes for the /10, expected about the budget of 4,096"
ok "big ASN: the /10 gets about the whole probe budget ($8 probes)"
[ $(($4 * 64)) -ge $(($8 - 64)) ] && [ $(($4 * 64)) -le $(($8 + 64)) ] ||
	fail "big ASN: $4 of $8 probes in the level-2 /16, expected about 1/64"
ok "big ASN: about 1/64 of the probes fall in the listed /16 ($4 of $8)"
assert_eq "0 0" "$6 $7" "big ASN: no probe failed or left pending"
assert_contains "$T/big.out" "198.18.0.0/24,256,clean,0,1,0,0,1,1,no" "big ASN: the small network is probed whole"
# shellcheck disable=SC2086
rbl bigtext --export text $BIGLIVE --db "$T/big.mmdb" AS64999
assert_contains "$T/bigtext.out" "(sampled)" "big ASN: the text says where it sampled"

# Bad ASN targets.
for t in AS AS-1 AS4294967296 ASx12 AS12x; do
	rbl bad --export csv --zones "$E2E_FIX/zones" $DB "$t"
	expect_status 2 "bad ASN target '$t' exits 2"
	assert_lines 1 "$T/bad.err" "bad ASN target '$t': one line on stderr"
done
rbl unknown --export csv --zones "$E2E_FIX/zones" $DB AS64777
expect_status 2 "an ASN the database does not hold exits 2"
assert_contains "$T/unknown.err" "AS64777 has no IPv4 network" "an unknown ASN is named"
rbl nodb --export csv --zones "$E2E_FIX/zones" --db /nonexistent AS64500
expect_status 2 "an ASN target with an unreadable --db exits 2"
done_testing
