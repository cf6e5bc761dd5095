# UCEPROTECT levels 1-3, the backscatterer list and the UCEPROTECT
# whitelist.  The format is described in rblscope-profile(5).
# Codes: 127.0.0.2 on every zone,
# http://www.uceprotect.net/en/index.php?m=6&s=0 (UCEPROTECT),
# http://www.backscatterer.org/?target=usage (Backscatterer),
# http://www.whitelisted.org/ (whitelist).
name uceprotect-full
title UCEPROTECT levels 1-3, backscatterer, whitelist

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

zone bs ips.backscatterer.org info
label BS
title Backscatterer
code 127.0.0.2 sends backscatter

zone wl ips.whitelisted.org allow
label WL
title UCEPROTECT whitelist
code 127.0.0.2 whitelisted
