/* Where rblscope keeps the user's files: the XDG Base Directory
 * Specification 0.8 (https://specifications.freedesktop.org/basedir-spec/). */
#ifndef RBLSCOPE_XDG_H
#define RBLSCOPE_XDG_H

#include <stddef.h>

/* "$VAR/rblscope/NAME", else "$HOME/FALLBACK/rblscope/NAME" when VAR is
 * unset, empty or relative (the specification makes those invalid):
 * var "XDG_CONFIG_HOME" with fallback ".config", or "XDG_STATE_HOME"
 * with ".local/state".  0, or -1 when neither is set or out is short. */
int xdg_path(const char *var, const char *fallback, const char *name, char *out, size_t len);

#endif
