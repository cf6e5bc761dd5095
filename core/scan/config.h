/* The configuration file: defaults for the command line, as "key = value"
 * lines ($XDG_CONFIG_HOME/rblscope/config, ~/.config/rblscope/config). */
#ifndef RBLSCOPE_CONFIG_H
#define RBLSCOPE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

struct options;

/* Bytes a configuration file may hold at most. */
#define CONFIG_MAX_BYTES 65536

/* The default path into out: $XDG_CONFIG_HOME/rblscope/config, else
 * $HOME/.config/rblscope/config.  0, or -1 when neither is set or the
 * path does not fit. */
int config_default_path(char *out, size_t len);

/* Apply the lines of text (len bytes; name in messages) to o.  0, or -1
 * with "name:LINE: reason" in err.  Strings stay valid until the next
 * call of config_parse or config_load. */
int config_parse(struct options *o, const char *name, const char *text, size_t len,
                 char *err, size_t errlen);

/* Read path and apply it.  0; 1 when the file does not exist and
 * may_miss (nothing applied); -1 with one line in err. */
int config_load(struct options *o, const char *path, bool may_miss, char *err, size_t errlen);

#endif
