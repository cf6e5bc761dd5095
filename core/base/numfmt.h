/* Numbers written for people. */
#ifndef RBLSCOPE_NUMFMT_H
#define RBLSCOPE_NUMFMT_H

#include <stdint.h>

/* v with thousands separators ("131,072") in out; returns out. */
const char *num_grouped(uint64_t v, char out[32]);

#endif
