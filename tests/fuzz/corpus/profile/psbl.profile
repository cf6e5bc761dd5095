# The Passive Spam Block List.  The format is described in
# rblscope-profile(5).  Code: https://psbl.org/ ("psbl.surriel.com
# returns 127.0.0.2 for listed addresses").
name psbl
title Passive Spam Block List

zone psbl psbl.surriel.com single
label PSBL
title PSBL
code 127.0.0.2 listed
