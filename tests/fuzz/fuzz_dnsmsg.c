/* Fuzzing core/lookup/dnsmsg.c: any bytes as a DNS reply.  A reply that parses
 * must leave every field inside its bounds, and its A codes must be
 * classified by core/lookup/lookup.c as the listing rules say. */
#include <stddef.h>
#include <string.h>

#include "core/lookup/dnsmsg.h"
#include "core/lookup/lookup.h"
#include "core/base/sanitize.h"
#include "tests/fuzz/fuzz.h"

/* The query types rblscope asks; the reply is read as an answer to each. */
static const unsigned qtypes[] = { 1 /* A */, 16 /* TXT */, 12 /* PTR */ };

/* The one call of the parser: adapt here when its arguments change. */
static int parse(const uint8_t *buf, size_t len, unsigned qtype, struct dnsmsg *m)
{
	return dnsmsg_parse(buf, len, qtype, m);
}

static void check_fields(const struct dnsmsg *m)
{
	FZ_CHECK(m->rcode <= 15);
	FZ_CHECK(m->na >= 0 && m->na <= DNSMSG_MAX_A);
	FZ_CHECK(m->txt_len < sizeof m->txt);
	FZ_CHECK(m->txt[m->txt_len] == '\0');
	/* TXT strings may hold NULs: strlen stops at or before txt_len. */
	FZ_CHECK(strlen(m->txt) <= m->txt_len);
	FZ_CHECK(m->has_txt == 0 || m->has_txt == 1);
	FZ_CHECK(m->has_txt || m->txt_len == 0);
	FZ_CHECK(fz_terminated(m->ptr, sizeof m->ptr));
	FZ_CHECK(m->has_ptr == 0 || m->has_ptr == 1);
	FZ_CHECK(m->has_ptr || m->ptr[0] == '\0');
	FZ_CHECK(m->has_soa == 0 || m->has_soa == 1);
	FZ_CHECK(m->has_soa || m->neg_ttl == 0);
	FZ_CHECK((unsigned)m->na <= m->a_records);
	FZ_CHECK(fz_terminated(m->qname, sizeof m->qname));
}

/* The listing rule, written out: 127/8, not 127.0.0.1, not 127.255.255.x. */
static bool is_listing(uint32_t code)
{
	return code >> 24 == 127 && code != 0x7f000001u && (code & 0xffffff00u) != 0x7fffff00u;
}

static void check_classify(const struct dnsmsg *m)
{
	static char txt[LOOKUP_TXT_MAX];
	struct lookup lk;
	bool all = true;

	memset(&lk, 0, sizeof lk);
	sanitize_text(txt, sizeof txt, m->txt, m->txt_len);
	FZ_CHECK(fz_clean_text(txt, strlen(txt)));
	lk.txt = txt;
	lk_classify_a(&lk, m->a, m->na);
	for (int i = 0; i < m->na; i++)
		all = all && is_listing(m->a[i]);
	FZ_CHECK(lk.txt != NULL);
	if (m->na == 0) {
		FZ_CHECK(lk.state == LK_CLEAN && lk.error == LKE_NONE && lk.txt[0] == '\0');
		return;
	}
	FZ_CHECK((lk.state == LK_LISTED) == all);
	FZ_CHECK(lk.state == LK_LISTED || lk.state == LK_ERROR);
	FZ_CHECK((lk.state == LK_ERROR) == (lk.error != LKE_NONE));
	FZ_CHECK(lk.state != LK_ERROR || lk.txt[0] == '\0');
	FZ_CHECK(lk.state != LK_LISTED || lk.code == m->a[0]);
	FZ_CHECK(lk.state != LK_ERROR || lk.error == LKE_BOGUS || lk.error == LKE_BLOCKED);
}

/* The whole reading of a reply: listed only from NOERROR with codes,
 * clean only from NXDOMAIN or NOERROR without codes. */
static void check_rcode(const struct dnsmsg *m)
{
	struct lookup lk = { .txt = "" };

	dnsmsg_classify(m, &lk);
	FZ_CHECK(lk.state != LK_LISTED || (m->rcode == DNS_RC_NOERROR && m->na > 0));
	FZ_CHECK(lk.state != LK_CLEAN || m->rcode == DNS_RC_NXDOMAIN ||
	         (m->rcode == DNS_RC_NOERROR && m->na == 0));
	FZ_CHECK(m->rcode == DNS_RC_NOERROR || m->rcode == DNS_RC_NXDOMAIN ||
	         lk.state == LK_ERROR);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct dnsmsg m, again;

	for (size_t q = 0; q < sizeof qtypes / sizeof qtypes[0]; q++) {
		int rc = parse(data, size, qtypes[q], &m);

		FZ_CHECK(rc == 0 || rc == -1);
		if (rc < 0)
			continue;
		check_fields(&m);
		/* The same bytes give the same reading: nothing uninitialised. */
		FZ_CHECK(parse(data, size, qtypes[q], &again) == 0);
		FZ_CHECK(memcmp(&m, &again, offsetof(struct dnsmsg, txt)) == 0);
		FZ_CHECK(memcmp(m.txt, again.txt, m.txt_len + 1) == 0);
		check_classify(&m);
		check_rcode(&m);
	}
	return 0;
}
