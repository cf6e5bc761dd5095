/* Classifying an answer's A codes by the codes its zone documents
 * (assets/rblscope-profile.5).  The rules that hold for every zone are
 * those of core/lookup/lookup.c: RFC 5782 section 5 makes 127.0.0.1 a
 * test entry, never a listing; an answer outside 127.0.0.0/8 is a
 * resolver's, not the list's; 127.255.255.0/24 is where lists put their
 * error answers (Spamhaus, https://www.spamhaus.org/news/article/807/). */
#include "core/scan/zoneclass.h"

#include <stdio.h>
#include <string.h>

#include "core/base/ip.h"

/* The error of one code, LKE_NONE for a listing; *k its documented range. */
static enum lk_error code_error(const struct zone_def *d, uint32_t code,
                                const struct zone_code **k)
{
	*k = profile_code_find(d, code);
	if (code >> 24 != 127 || code == 0x7f000001u)
		return *k && (*k)->error ? LKE_BLOCKED : LKE_BOGUS;
	if (*k)
		return (*k)->error ? LKE_BLOCKED : LKE_NONE;
	if ((code & 0xffffff00u) == 0x7fffff00u)
		return LKE_BLOCKED;   /* undocumented, but where errors live */
	return d->any ? LKE_NONE : LKE_UNEXPECTED;
}

static void error_text(enum lk_error e, uint32_t code, const struct zone_code *k,
                       char *text, size_t len)
{
	char ip[IP4_STRLEN];

	ip4_format(code, ip);
	if (k)
		snprintf(text, len, "%s: %s", ip, k->meaning);
	else if (e == LKE_UNEXPECTED)
		snprintf(text, len, "unexpected code %s", ip);
	else
		snprintf(text, len, "%s: %s", ip, lk_error_text(e));
}

void zone_codes_text(const struct zone_def *d, const struct lookup *l, char *text,
                     size_t len)
{
	const struct zone_code *k;
	const uint32_t *codes;
	uint32_t n;
	size_t used = 0;

	if (!len)
		return;
	text[0] = '\0';
	codes = lk_codes(l, &n);
	if (l->state == LK_ERROR) {
		if (n && (l->error == LKE_BLOCKED || l->error == LKE_BOGUS ||
		          l->error == LKE_UNEXPECTED))
			error_text(l->error, l->code, profile_code_find(d, l->code), text, len);
		return;
	}
	if (l->state != LK_LISTED)
		return;
	for (uint32_t i = 0; i < n && used < len; i++) {
		char ip[IP4_STRLEN];
		int w;

		ip4_format(codes[i], ip);
		k = profile_code_find(d, codes[i]);
		w = snprintf(text + used, len - used, "%s%s%s%s", i ? "; " : "", ip,
		             k ? " " : "", k ? k->meaning : "");
		used = w < 0 ? len : used + (size_t)w;
	}
}

void zone_classify(const struct zone_def *d, const uint32_t *codes, size_t n,
                   struct lookup *out, char *text, size_t len)
{
	const struct zone_code *k;
	enum lk_error e;

	out->error = LKE_NONE;
	out->code = n ? codes[0] : 0;
	out->state = n ? LK_LISTED : LK_CLEAN;
	/* Any code that is not a listing makes the whole answer an error.
	 * The one told is the first that says most: an error answer or a
	 * code that is no listing anywhere (a blocked resolver, a rewritten
	 * NXDOMAIN) before a code only this zone does not document. */
	for (size_t i = 0; i < n; i++) {
		e = code_error(d, codes[i], &k);
		if (e == LKE_NONE || (out->state == LK_ERROR &&
		                      (e == LKE_UNEXPECTED || out->error != LKE_UNEXPECTED)))
			continue;
		lk_set_error(out, e);
		out->code = codes[i];
	}
	if (out->state == LK_CLEAN || !out->txt)
		out->txt = "";
	if (len) {
		struct lookup view = *out;

		view.codes = codes;
		view.ncodes = (uint32_t)n;
		zone_codes_text(d, &view, text, len);
	}
}
