# UCEPROTECT levels 1-3.  The format is described in rblscope-profile(5).
# Codes: UCEPROTECT answers 127.0.0.2 for a listing on every level,
# http://www.uceprotect.net/en/index.php?m=6&s=0 ("How to use our RBL").
name uceprotect
title UCEPROTECT levels 1-3

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
