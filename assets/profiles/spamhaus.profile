# Spamhaus ZEN.  The format is described in rblscope-profile(5).
# Codes: https://www.spamhaus.org/faq/section/DNSBL%20Usage#200 and
# https://www.spamhaus.org/zen/ ; error codes: Spamhaus, "Using our
# public mirrors? Check your return codes now",
# https://www.spamhaus.org/news/article/807/
name spamhaus
title Spamhaus ZEN

zone zen zen.spamhaus.org single
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
