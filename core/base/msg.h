/* Lines for standard error.  Every line starts "rblscope: " and has
 * each control character of its text made harmless, so that no target,
 * zone name or path echoed from the command line can forge a second
 * line or send an escape sequence to the terminal. */
#ifndef RBLSCOPE_MSG_H
#define RBLSCOPE_MSG_H

#include <stdarg.h>
#include <stddef.h>

/* Write one line to standard error. */
void msg_line(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The same with a va_list. */
void msg_vline(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Warnings held back until a run knows it has not failed: a run that
 * fails says exactly one line, its error. */
#define MSG_HELD_MAX 16

struct msg_held {
	char line[MSG_HELD_MAX][512];
	size_t n;
	size_t dropped;
};

/* Hold one warning ("warning: " is added). */
void msg_hold(struct msg_held *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write the held warnings and forget them. */
void msg_flush(struct msg_held *h);

#endif
