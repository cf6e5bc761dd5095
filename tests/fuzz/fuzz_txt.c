/* Fuzzing core/uceprotect/txt.c: any text as a UCEPROTECT TXT record, raw and after
 * sanitize_text as rblscope reads it.  Fields stay in their ranges, the
 * org is a piece of the text, and the summary fits, is terminal-safe when
 * the text was, and is cut only at its end. */
#include <stdlib.h>
#include <string.h>

#include "core/lookup/lookup.h"
#include "core/base/sanitize.h"
#include "core/uceprotect/txt.h"
#include "tests/fuzz/fuzz.h"

static void check_fields(const char *txt, const struct txt_info *t)
{
	FZ_CHECK(t->level >= 0 && t->level <= 3);
	FZ_CHECK(!t->has_net || t->prefix <= 32);
	FZ_CHECK(!t->has_net || (t->net & fz_host_mask(t->prefix)) == 0);
	FZ_CHECK(t->has_net || (t->net == 0 && t->prefix == 0));
	FZ_CHECK(t->impacts >= -1 && t->abusers >= -1 && t->spamscore >= -1);
	FZ_CHECK(fz_terminated(t->org, sizeof t->org));
	FZ_CHECK(strstr(txt, t->org) != NULL);
}

/* The summary in buffers of every size up to a roomy one: each fits and
 * is the start of the roomy one. */
static void check_summary(const struct txt_info *t, bool clean)
{
	char full[512], *cut;
	size_t n;

	txt_summary(t, full, sizeof full);
	n = strlen(full);
	FZ_CHECK(n < sizeof full - 1);   /* 512 bytes are more than any summary */
	FZ_CHECK(!clean || fz_clean_text(full, n));
	for (size_t len = 0; len <= n + 1; len += 1 + len / 8) {
		cut = malloc(len ? len : 1);  /* exactly len bytes for ASan */
		FZ_CHECK(cut != NULL);
		txt_summary(t, cut, len);
		FZ_CHECK(len == 0 || (strlen(cut) < len && strncmp(cut, full, strlen(cut)) == 0));
		free(cut);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *raw = malloc(size + 1), clean[LOOKUP_TXT_MAX];
	struct txt_info t;

	FZ_CHECK(raw != NULL);
	memcpy(raw, data, size);
	raw[size] = '\0';
	txt_parse(raw, &t);
	check_fields(raw, &t);
	check_summary(&t, false);
	/* What a lookup holds: the TXT sanitised into LOOKUP_TXT_MAX bytes. */
	sanitize_text(clean, sizeof clean, (const char *)data, size);
	txt_parse(clean, &t);
	check_fields(clean, &t);
	check_summary(&t, true);
	txt_parse(NULL, &t);
	FZ_CHECK(t.level == 0 && !t.has_net && t.impacts == -1 && t.asn == 0 && !t.org[0]);
	free(raw);
	return 0;
}
