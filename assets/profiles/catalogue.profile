# The public IPv4 DNSBLs admins check most, each with the return codes
# its operator documents; the source of each zone's codes is given above
# it.  Any code a zone does not document is shown as an error, never as
# a listing.  The format is described in rblscope-profile(5).
# Level 1 of UCEPROTECT says whether the address itself is listed; the
# other lists are shown but not counted.
name catalogue
title Public IPv4 DNSBLs (catalogue)

# http://www.uceprotect.net/en/index.php?m=6&s=0
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

# https://www.spamhaus.org/faq/section/DNSBL%20Usage#200,
# https://www.spamhaus.org/news/article/807/ (error codes)
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

# https://www.spamcop.net/fom-serve/cache/291.html
zone spamcop bl.spamcop.net info
label SpamCop
title SpamCop Blocking List
code 127.0.0.2 listed

# https://www.barracudacentral.org/rbl/how-to-use
zone barracuda b.barracudacentral.org info
label Barracuda
title Barracuda Reputation Block List
code 127.0.0.2 listed

# https://psbl.org/
zone psbl psbl.surriel.com info
label PSBL
title Passive Spam Block List
code 127.0.0.2 listed

# https://mailspike.org/usage.html (bl: 127.0.0.2 with the reputation
# level of rep.mailspike.net beside it)
zone mspike bl.mailspike.net info
label Mailspike
title Mailspike blacklist
code 127.0.0.2 listed
code 127.0.0.10 L5: worst reputation
code 127.0.0.11 L4: very bad reputation
code 127.0.0.12 L3: bad reputation

# https://mailspike.org/usage.html
zone mspike_z z.mailspike.net info
label MSPIKE-Z
title Mailspike zero-hour
code 127.0.0.2 listed

# http://www.backscatterer.org/?target=usage
zone bs ips.backscatterer.org info
label BS
title Backscatterer
code 127.0.0.2 sends backscatter

# https://dronebl.org/docs/howtouse
zone dronebl dnsbl.dronebl.org info
label DroneBL
title DroneBL
code 127.0.0.3 IRC drone
code 127.0.0.5 bottler
code 127.0.0.6 unknown spambot or drone
code 127.0.0.7 DDoS drone
code 127.0.0.8 SOCKS proxy
code 127.0.0.9 HTTP proxy
code 127.0.0.10 ProxyChain
code 127.0.0.11 web page proxy
code 127.0.0.12 open DNS resolver
code 127.0.0.13 brute force attacker
code 127.0.0.14 open Wingate proxy
code 127.0.0.15 compromised router or gateway
code 127.0.0.16 autorooting worm
code 127.0.0.17 botnet
code 127.0.0.18 DNS/MX type hostname on IRC
code 127.0.0.19 abused VPN service
code 127.0.0.255 uncategorized

# https://www.spamrats.com/lookup.php
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

# https://www.s5h.net/rbl/
zone s5h all.s5h.net info
label S5H
title S5H.net RBL
code 127.0.0.2 listed

# http://www.wpbl.info/
zone wpbl db.wpbl.info info
label WPBL
title Weighted Private Block List
code 127.0.0.2 listed

# http://www.dnsbl.manitu.net/
zone manitu ix.dnsbl.manitu.net info
label NiX
title NiX Spam (manitu)
code 127.0.0.2 listed

# http://www.gbudb.com/truncate/
zone gbudb truncate.gbudb.net info
label GBUdb
title GBUdb Truncate
code 127.0.0.2 listed

# https://rbl.interserver.net/
zone interserver rbl.interserver.net info
label InterServer
title InterServer RBL
code 127.0.0.2 listed

# https://www.justspam.org/
zone justspam dnsbl.justspam.org info
label JustSpam
title JustSpam
code 127.0.0.2 listed

# https://www.anonmails.de/dnsbl.php
zone anonmails spam.dnsbl.anonmails.de info
label Anonmails
title anonmails.de DNSBL
code 127.0.0.2 listed

# https://www.nordspam.com/usage/
zone nordspam bl.nordspam.com info
label NordSpam
title NordSpam
code 127.0.0.2 listed

# https://knowledge.validity.com/hc/en-us/articles/20961730681243
zone senderscore bl.score.senderscore.com info
label SenderScore
title Validity Sender Score blacklist
code 127.0.0.2 listed

# https://suomispam.net/
zone suomispam bl.suomispam.net info
label SuomiSpam
title Suomispam
code 127.0.0.2 listed
