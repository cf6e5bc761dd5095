# The public IPv4 DNSBLs admins check most, each with the return codes
# its operator documents; the source of each zone's codes is given above
# it.  Any code a zone does not document is shown as an error, never as
# a listing.  The format is described in rblscope-profile(5).
# Level 1 of UCEPROTECT says whether the address itself is listed; the
# other lists are shown but not counted.
#
# Codes were checked against each operator's pages and, where the
# operator gives no table, against the return codes that rspamd
# (conf/modules.d/rbl.conf), SpamAssassin (rules/20_dnsbl_tests.cf,
# rules/20_mailspike.cf) and the dnsbl-client gem (data/dnsbl.yaml)
# expect; pydnsbl and dnsbl_exporter name the zones only.  A zone whose
# comment says "not confirmed" has 127.0.0.2, the listing answer of RFC
# 5782, and no operator table that could be read.
#
# Lists taken out, as dead or no longer public:
# - NiX Spam, ix.dnsbl.manitu.net: shut down on 16 January 2025
#   (https://www.nixspam.net/; rspamd dropped it, issue 5299).
# - WPBL, db.wpbl.info: emptied in November 2023, closed in 2024; since
#   October 2025 its name servers point to TEST-NET addresses
#   (http://www.wpbl.info/).
# - anonmails.de, spam.dnsbl.anonmails.de: gone since 12 November 2024,
#   its name gives bogus answers outside 127.0.0.0/8 (check_rbl pull
#   request 60).
# - Validity Sender Score, bl.score.senderscore.com: needs a registered
#   MyValidity account; any other querier gets 127.255.255.255 (rspamd
#   pull request 5907, February 2026; YunoHost pull request 1918).
# SORBS (dnsbl.sorbs.net), closed in June 2024, is not listed either.
name catalogue
title Public IPv4 DNSBLs (catalogue)

# http://www.uceprotect.net/en/index.php?m=6&s=0 (each level answers
# 127.0.0.2 and gives the reason in TXT); dnsbl-client agrees.
zone l1 dnsbl-1.uceprotect.net single
label UCE-1
title UCEPROTECT level 1 (address)
code 127.0.0.2 listed on level 1

zone l2 dnsbl-2.uceprotect.net range
label UCE-2
title UCEPROTECT level 2 (range)
code 127.0.0.2 listed on level 2

zone l3 dnsbl-3.uceprotect.net asn
label UCE-3
title UCEPROTECT level 3 (ASN)
code 127.0.0.2 listed on level 3

# https://www.spamhaus.org/faqs/dnsbl-usage/ (formerly
# https://www.spamhaus.org/faq/section/DNSBL%20Usage#200): 127.0.0.2 SBL,
# .3 CSS, .4 XBL, .9 DROP (with .2), .10 and .11 PBL; rspamd and
# SpamAssassin take .4 to .7 as XBL.  Errors: 127.255.255.254 and .255
# in https://www.spamhaus.org/news/article/788/, 127.255.255.252 in
# https://www.spamhaus.org/news/article/807/; rspamd and SpamAssassin
# treat .254 and .255 as blocked queries.
zone zen zen.spamhaus.org info
label ZEN
title Spamhaus ZEN
code 127.0.0.2 SBL
code 127.0.0.3 SBL CSS
code 127.0.0.4-127.0.0.7 XBL
code 127.0.0.9 DROP
code 127.0.0.10-127.0.0.11 PBL
error 127.255.255.252 blocked: typo in the DNSBL name
error 127.255.255.254 blocked: query through a public resolver
error 127.255.255.255 blocked: excessive number of queries

# https://www.spamcop.net/bl.shtml and
# https://www.spamcop.net/fom-serve/cache/291.html; dnsbl-client maps
# 127.0.0.2 to a spam source.
zone spamcop bl.spamcop.net info
label SpamCop
title SpamCop Blocking List
code 127.0.0.2 listed

# https://www.barracudacentral.org/rbl/how-to-use (the test entry
# answers 127.0.0.2; the querying resolver must be registered, free);
# dnsbl-client agrees.
zone barracuda b.barracudacentral.org info
label Barracuda
title Barracuda Reputation Block List
code 127.0.0.2 listed

# https://psbl.org/howto (query it like any DNSBL; no code table);
# 127.0.0.2 per third-party summaries: not confirmed by the operator.
zone psbl psbl.surriel.com info
label PSBL
title Passive Spam Block List
code 127.0.0.2 listed

# https://mailspike.org/usage.html: bl answers 127.0.0.2 for an address
# of z.mailspike.net or the level of rep.mailspike.net from L3 to L5;
# rspamd and SpamAssassin (20_mailspike.cf) take .10 .11 .12 as L5 L4 L3.
zone mspike bl.mailspike.net info
label Mailspike
title Mailspike blacklist
code 127.0.0.2 listed
code 127.0.0.10 L5: worst reputation
code 127.0.0.11 L4: very bad reputation
code 127.0.0.12 L3: bad reputation

# https://mailspike.org/usage.html (z answers 127.0.0.2 only).
zone mspike_z z.mailspike.net info
label MSPIKE-Z
title Mailspike zero-hour
code 127.0.0.2 listed

# http://www.backscatterer.org/?target=usage; dnsbl-client maps
# 127.0.0.2 to a backscatterer.
zone bs ips.backscatterer.org info
label BS
title Backscatterer
code 127.0.0.2 sends backscatter

# https://dronebl.org/docs/howtouse (the table of classes; class 1 is
# for testing, never a listing here); the dnsbl-client gem and other
# DroneBL clients carry the same classes.
zone dronebl dnsbl.dronebl.org info
label DroneBL
title DroneBL
code 127.0.0.2 sample kept for analysis
code 127.0.0.3 IRC spam drone
code 127.0.0.5 bottler
code 127.0.0.6 unknown worm or spambot
code 127.0.0.7 DDoS drone
code 127.0.0.8 open SOCKS proxy
code 127.0.0.9 open HTTP proxy
code 127.0.0.10 proxy chain
code 127.0.0.11 web page proxy
code 127.0.0.12 open DNS resolver
code 127.0.0.13 brute force attacker
code 127.0.0.14 open WinGate proxy
code 127.0.0.15 compromised router or gateway
code 127.0.0.16 autorooting worm
code 127.0.0.17 botnet (found automatically)
code 127.0.0.18 DNS/MX type hostname on IRC
code 127.0.0.19 abused VPN service
code 127.0.0.255 uncategorized

# https://www.spamrats.com/lists.php (the zones; all.spamrats.com
# answers for every list at once); luids-io xlist-database
# (spamrats-com-all.json) gives .36 Dyna, .37 NoPtr, .38 Spam, .43 Auth.
# No table from the operator could be read.
zone rats_dyna dyna.spamrats.com info
label RATS-Dyna
title SpamRATS Dyna
code 127.0.0.36 dynamic-looking address
zone rats_noptr noptr.spamrats.com info
label RATS-NoPtr
title SpamRATS NoPtr
code 127.0.0.37 no reverse DNS
zone rats_spam spam.spamrats.com info
label RATS-Spam
title SpamRATS Spam
code 127.0.0.38 spam source

# http://www.s5h.net/rblcheck (the operator calls all.s5h.net fully
# RFC 5782 compliant; no code table): not confirmed.
zone s5h all.s5h.net info
label S5H
title S5H.net RBL
code 127.0.0.2 listed

# https://www.gbudb.com/truncate/ (an RFC 5782 compliant list, per the
# operator); 127.0.0.2 per third-party summaries of that page.
zone gbudb truncate.gbudb.net info
label GBUdb
title GBUdb Truncate
code 127.0.0.2 listed

# https://rbl.interserver.net/usage.php (no code table read): not
# confirmed.
zone interserver rbl.interserver.net info
label InterServer
title InterServer RBL
code 127.0.0.2 listed

# https://www.justspam.org/ (no code table read): not confirmed.
zone justspam dnsbl.justspam.org info
label JustSpam
title JustSpam
code 127.0.0.2 listed

# https://www.nordspam.com/usage (positive response 127.0.0.2).
zone nordspam bl.nordspam.com info
label NordSpam
title NordSpam
code 127.0.0.2 listed

# https://suomispam.net/ (no code table read): not confirmed.
zone suomispam bl.suomispam.net info
label SuomiSpam
title Suomispam
code 127.0.0.2 listed
