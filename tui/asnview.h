/* The ASN view: the networks of one ASN from the ASN database, the
 * state on the profile's ASN zone and the coverage of its range zone of
 * each as the probes come in (core/scan/asnscan.h), and a header with the
 * arithmetic: what it takes to list the whole ASN, and how many
 * addresses the abuse of a few blocks. */
#ifndef RBLSCOPE_TUI_ASNVIEW_H
#define RBLSCOPE_TUI_ASNVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/scan/asnscan.h"
#include "core/demo/demo.h"
#include "core/uceprotect/txt.h"
#include "tui/keys.h"
#include "tui/screen.h"
#include "tui/text.h"

#define ASNVIEW_LINE_MAX TEXT_LINE_MAX
#define ASNVIEW_HEADER_MAX 8

struct asnview {
	struct screen base;         /* first: the screen interface */
	struct asnscan as;
	size_t cursor;              /* the selected network */
	size_t top;                 /* the first network on screen */
};

/* What the header says: counted exactly when the zones are zone files,
 * else worked out from the probes and, in the demo, from the scenario
 * under the active policy. */
struct asn_figures {
	uint64_t total;             /* IPv4 addresses of the ASN */
	size_t l3_nets;             /* networks an ASN zone's probe found listed */
	uint64_t l3_addrs;          /* their addresses */
	uint64_t l2_more;           /* addresses of the other networks in /24s
	                               a range zone lists (estimated where sampled) */
	const char *l3_txt;         /* the ASN zone's first TXT, "" if none */
	struct txt_info said;       /* what that TXT says */
	const struct demo_asn *scenario;   /* demo: the ASN in the scenario, else NULL */
	bool guilty_known;          /* zone files or the scenario know the guilty */
	uint64_t guilty, blocked;
	bool exact;                 /* counted from zone files (core/scan/account.h) */
	struct acct_sum sum;        /* exact: the ASN's figures */
};

enum asn_hstyle { AH_PLAIN, AH_LISTED, AH_DIM };

/* One line of the header: a label and its value (wrapped when drawn). */
struct asn_hline {
	char label[PROFILE_LABEL_MAX + 8];
	enum asn_hstyle style;
	char value[ASNVIEW_LINE_MAX];
};

/* The ASN view of asn: find its networks and start the probes.  NULL
 * with a one-line reason in err. */
struct screen *asnview_new(const struct ctx *cx, uint32_t asn, char *err, size_t errlen);

/* Work out the header's figures. */
void asnview_figures(const struct asnview *av, struct asn_figures *f);

/* The header lines; returns how many (at most max). */
size_t asnview_header(const struct asnview *av, struct asn_hline *out, size_t max);

/* Network i as the list shows it, without attributes: mark, glyph,
 * network, then addresses, the ASN zone's state, the range zone's /24s
 * as probed, or, counted exactly, addresses, every zone, blocked and
 * collateral. */
void asnview_row_text(const struct asnview *av, size_t i, char *out, size_t len);

/* What a glyph means beside a network, for the help (legend_words). */
const char *asnview_meaning(enum cell_class cls);

/* The ASN view's screen functions. */
extern const struct screen_ops asnview_ops;

#endif
