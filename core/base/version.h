/* rblscope's version. */
#ifndef RBLSCOPE_VERSION_H
#define RBLSCOPE_VERSION_H

#define RBLSCOPE_VERSION "0.1.0"

#endif
