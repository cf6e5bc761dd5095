/* A strict JSON reader (RFC 8259) for one text at a time, such as one
 * line of JSON Lines: values in a tree allocated from the reader, freed
 * together.  Nesting and sizes are bounded: the text is hostile until
 * read. */
#ifndef RBLSCOPE_JSON_H
#define RBLSCOPE_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define JSON_DEPTH_MAX 16

enum json_type { JSON_NULL, JSON_FALSE, JSON_TRUE, JSON_NUMBER, JSON_STRING, JSON_ARRAY,
                 JSON_OBJECT };

struct json {
	enum json_type type;
	double number;            /* JSON_NUMBER */
	const char *str;          /* JSON_STRING: UTF-8, NUL-free */
	size_t n;                 /* JSON_ARRAY, JSON_OBJECT: items */
	struct json **items;      /* their values */
	const char **keys;        /* JSON_OBJECT: their keys */
};

struct json_block;

struct json_reader {
	struct json_block *blocks;    /* the values of the last text read */
	char why[128];                /* what broke, for people */
};

/* The value of the text at text (len bytes), or NULL with r->why set:
 * not one JSON value, a NUL or an unpaired surrogate in a string, nesting
 * deeper than JSON_DEPTH_MAX.  Valid until the next read or json_free. */
const struct json *json_read(struct json_reader *r, const char *text, size_t len);

/* Free what the reader holds. */
void json_free(struct json_reader *r);

/* The value of key in object o, or NULL (also when o is not an object). */
const struct json *json_get(const struct json *o, const char *key);

/* The string of key in o, or NULL when it is missing or not a string. */
const char *json_str(const struct json *o, const char *key);

/* Write s as a JSON string.  Text is sanitised already; escaping covers
 * the rest of what JSON forbids. */
void json_string(FILE *f, const char *s);

#endif
