/* A recursive-descent JSON reader.  Strings are decoded into the arena
 * (escapes resolved, UTF-16 surrogate pairs joined); every value and
 * array of items is taken from the same arena, blocks freed together.
 * A value needs at least a byte of text, so the arena stays within a
 * constant times the text's length. */
#include "core/base/json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct parse {
	struct json_reader *r;
	const char *p, *end, *start;
	int depth;
};

#define BLOCK_MIN (64u << 10)

struct json_block {
	struct json_block *next;
	size_t cap, used;
	_Alignas(16) char data[];
};

static void *take(struct parse *ps, size_t size)
{
	struct json_block *b = ps->r->blocks;
	void *v;

	size = (size + 15) & ~(size_t)15;
	if (!b || size > b->cap - b->used) {
		size_t cap = size > BLOCK_MIN ? size : BLOCK_MIN;

		if (!(b = malloc(sizeof *b + cap)))
			return NULL;
		*b = (struct json_block){ ps->r->blocks, cap, 0 };
		ps->r->blocks = b;
	}
	v = b->data + b->used;
	b->used += size;
	return v;
}

static void blocks_free(struct json_reader *r)
{
	while (r->blocks) {
		struct json_block *next = r->blocks->next;

		free(r->blocks);
		r->blocks = next;
	}
}

static bool fail(struct parse *ps, const char *why)
{
	if (!ps->r->why[0])
		snprintf(ps->r->why, sizeof ps->r->why, "%s at byte %zu", why,
		         (size_t)(ps->p - ps->start) + 1);
	return false;
}

static void ws(struct parse *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
	                           *ps->p == '\r'))
		ps->p++;
}

static struct json *value(struct parse *ps);

static int hex4(const char *p)
{
	int v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	return v;
}

static size_t utf8_put(char *out, uint32_t cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A string at ps->p (its opening quote), decoded into the arena. */
static const char *string(struct parse *ps)
{
	const char *s = ++ps->p;
	size_t n = 0;
	char *out;

	/* decoded, it is never longer than as written */
	while (ps->p < ps->end && *ps->p != '"') {
		if (*ps->p == '\\')
			ps->p++;
		ps->p++;
	}
	if (ps->p >= ps->end || !(out = take(ps, (size_t)(ps->p - s) + 1))) {
		fail(ps, "unterminated string");
		return NULL;
	}
	for (ps->p = s; *ps->p != '"'; ps->p++) {
		unsigned char c = (unsigned char)*ps->p;
		int cp, lo;

		if (c < 0x20) {
			fail(ps, "control character in a string");
			return NULL;
		}
		if (c != '\\') {
			out[n++] = (char)c;
			continue;
		}
		switch (*++ps->p) {
		case '"': out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; break;
		case '/': out[n++] = '/'; break;
		case 'b': out[n++] = '\b'; break;
		case 'f': out[n++] = '\f'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 't': out[n++] = '\t'; break;
		case 'u':
			if (ps->end - ps->p < 5 || (cp = hex4(ps->p + 1)) < 0) {
				fail(ps, "bad \\u escape");
				return NULL;
			}
			ps->p += 4;
			if (cp >= 0xd800 && cp <= 0xdbff) {
				if (ps->end - ps->p < 7 || ps->p[1] != '\\' || ps->p[2] != 'u' ||
				    (lo = hex4(ps->p + 3)) < 0xdc00 || lo > 0xdfff) {
					fail(ps, "unpaired surrogate");
					return NULL;
				}
				ps->p += 6;
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
			} else if ((cp >= 0xdc00 && cp <= 0xdfff) || cp == 0) {
				fail(ps, cp ? "unpaired surrogate" : "NUL in a string");
				return NULL;
			}
			/* a \u escape is 6 bytes; its UTF-8 at most 4 */
			n += utf8_put(out + n, (uint32_t)cp);
			break;
		default:
			fail(ps, "bad escape");
			return NULL;
		}
	}
	ps->p++;
	out[n] = '\0';
	return out;
}

static bool literal(struct parse *ps, const char *word)
{
	size_t n = strlen(word);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
		return fail(ps, "not a JSON value");
	ps->p += n;
	return true;
}

static bool number(struct parse *ps, double *out)
{
	const char *s = ps->p;
	char buf[64];

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
		return fail(ps, "bad number");
	if (*ps->p == '0')
		ps->p++;
	else
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		if (++ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		if (++ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || *ps->p < '0' || *ps->p > '9')
			return fail(ps, "bad number");
		while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
			ps->p++;
	}
	if ((size_t)(ps->p - s) >= sizeof buf)
		return fail(ps, "number too long");
	memcpy(buf, s, (size_t)(ps->p - s));
	buf[ps->p - s] = '\0';
	*out = strtod(buf, NULL);
	return true;
}

/* The items of an array or object, up to its closing bracket. */
static bool items(struct parse *ps, struct json *v, char close)
{
	size_t cap = 0;

	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return true;
	}
	for (;;) {
		const char *key = NULL;
		struct json *item;

		ws(ps);
		if (close == '}') {
			if (ps->p >= ps->end || *ps->p != '"' || !(key = string(ps)))
				return fail(ps, "expected a key");
			ws(ps);
			if (ps->p >= ps->end || *ps->p++ != ':')
				return fail(ps, "expected ':'");
		}
		if (!(item = value(ps)))
			return false;
		if (v->n == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			struct json **ni = take(ps, ncap * sizeof *ni);
			const char **nk = close == '}' ? take(ps, ncap * sizeof *nk) : NULL;

			if (!ni || (close == '}' && !nk))
				return fail(ps, "out of memory");
			if (v->n) {
				memcpy(ni, v->items, v->n * sizeof *ni);
				if (nk)
					memcpy(nk, v->keys, v->n * sizeof *nk);
			}
			v->items = ni;
			v->keys = nk;
			cap = ncap;
		}
		v->items[v->n] = item;
		if (key)
			v->keys[v->n] = key;
		v->n++;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			return true;
		}
		return fail(ps, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
	}
}

static struct json *value(struct parse *ps)
{
	struct json *v = take(ps, sizeof *v);
	bool ok;

	if (!v) {
		fail(ps, "out of memory");
		return NULL;
	}
	memset(v, 0, sizeof *v);
	ws(ps);
	if (ps->p >= ps->end) {
		fail(ps, "missing value");
		return NULL;
	}
	switch (*ps->p) {
	case '{': case '[':
		if (++ps->depth > JSON_DEPTH_MAX) {
			fail(ps, "nested too deep");
			return NULL;
		}
		v->type = *ps->p == '{' ? JSON_OBJECT : JSON_ARRAY;
		ok = items(ps, v, *ps->p == '{' ? '}' : ']');
		ps->depth--;
		break;
	case '"':
		v->type = JSON_STRING;
		ok = (v->str = string(ps)) != NULL;
		break;
	case 't': v->type = JSON_TRUE; ok = literal(ps, "true"); break;
	case 'f': v->type = JSON_FALSE; ok = literal(ps, "false"); break;
	case 'n': v->type = JSON_NULL; ok = literal(ps, "null"); break;
	default:
		v->type = JSON_NUMBER;
		ok = number(ps, &v->number);
		break;
	}
	return ok ? v : NULL;
}

const struct json *json_read(struct json_reader *r, const char *text, size_t len)
{
	struct parse ps = { r, text, text + len, text, 0 };
	const struct json *v;

	r->why[0] = '\0';
	/* keep one block for the next text: most lines are alike */
	if (r->blocks) {
		struct json_block *keep = r->blocks;

		while (keep->next) {
			struct json_block *b = keep;

			keep = keep->next;
			free(b);
		}
		keep->used = 0;
		r->blocks = keep;
	}
	if (memchr(text, '\0', len)) {
		snprintf(r->why, sizeof r->why, "a NUL byte");
		return NULL;
	}
	v = value(&ps);
	ws(&ps);
	if (v && ps.p != ps.end) {
		fail(&ps, "text after the value");
		return NULL;
	}
	return v;
}

void json_free(struct json_reader *r)
{
	blocks_free(r);
	r->why[0] = '\0';
}

const struct json *json_get(const struct json *o, const char *key)
{
	if (!o || o->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (strcmp(o->keys[i], key) == 0)
			return o->items[i];
	return NULL;
}

const char *json_str(const struct json *o, const char *key)
{
	const struct json *v = json_get(o, key);

	return v && v->type == JSON_STRING ? v->str : NULL;
}

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20)
			fprintf(f, "\\u%04x", ch);
		else
			fputc(ch, f);
	}
	fputc('"', f);
}
