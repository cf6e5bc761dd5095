/* The diff of two snapshots.  Zones are matched by key; addresses by
 * value.  Only addresses both snapshots hold are compared: one that only
 * one of them holds was not scanned the other time, and is counted, not
 * guessed.  A TXT that changes alone (a date, a count) is no change. */
#include "core/export/diffreport.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <string.h>

#include "core/base/ip.h"
#include "core/base/msg.h"
#include "core/base/numfmt.h"
#include "core/export/export.h"
#include "core/export/fields.h"
#include "core/export/outfile.h"
#include "core/export/runs.h"

static const char *const change_names[DC_COUNT] = {
	[DC_NONE] = "", [DC_LISTED] = "listed", [DC_DELISTED] = "delisted",
	[DC_ERROR] = "error", [DC_RECOVERED] = "recovered", [DC_CODES] = "codes",
	[DC_OTHER] = "other",
};

const char *diff_change_name(enum diff_change c)
{
	return (unsigned)c < DC_COUNT ? change_names[c] : "";
}

struct zpair {
	size_t o, n;                  /* the zone's index in old and in new */
	const char *key;
	size_t count[DC_COUNT];
};

struct diff {
	const struct snapshot *old, *new;
	struct zpair z[PROFILE_MAX_ZONES];
	size_t nz;
	size_t both, only_old, only_new, changed;
	size_t rows[DC_COUNT];        /* addresses by the change that says most */
};

static bool codes_equal(const struct lookup *a, const struct lookup *b)
{
	const uint32_t *ca, *cb;
	uint32_t na, nb;

	ca = lk_codes(a, &na);
	cb = lk_codes(b, &nb);
	return na == nb && (!na || memcmp(ca, cb, na * sizeof *ca) == 0);
}

enum diff_change diff_change_of(const struct lookup *a, const struct lookup *b)
{
	if (a->state == b->state && a->error == b->error && codes_equal(a, b))
		return DC_NONE;
	if (b->state == LK_LISTED && a->state != LK_LISTED)
		return DC_LISTED;
	if (a->state == LK_LISTED && b->state == LK_CLEAN)
		return DC_DELISTED;
	if (b->state == LK_ERROR && a->state != LK_ERROR)
		return DC_ERROR;
	if (a->state == LK_ERROR && b->state != LK_ERROR)
		return DC_RECOVERED;
	if (a->state == LK_LISTED && b->state == LK_LISTED)
		return DC_CODES;
	return DC_OTHER;
}

/* The change that says most of two: listed, then delisted, then the
 * first met. */
static enum diff_change worse(enum diff_change w, enum diff_change c)
{
	if (c == DC_NONE || w == DC_LISTED)
		return w;
	if (w == DC_NONE || c == DC_LISTED || (c == DC_DELISTED && w != DC_DELISTED))
		return c;
	return w;
}

bool diff_cell_changed(const struct snap_row *old, const struct lookup *new, size_t nzones,
                       enum diff_change *worst)
{
	enum diff_change w = DC_NONE;

	for (size_t z = 0; z < nzones; z++)
		w = worse(w, diff_change_of(&old->zone[z], &new[z]));
	if (worst)
		*worst = w;
	return w != DC_NONE;
}

/* Pair the zones by key; false when none is shared. */
static bool zones_pair(struct diff *d)
{
	const struct profile *po = &d->old->profile, *pn = &d->new->profile;

	for (size_t i = 0; i < po->nzones; i++)
		for (size_t k = 0; k < pn->nzones; k++)
			if (strcmp(po->zones[i].key, pn->zones[k].key) == 0)
				d->z[d->nz++] = (struct zpair){ i, k, po->zones[i].key, { 0 } };
	return d->nz > 0;
}

/* Call fn for each address both hold (in address order), after counting
 * the ones that only one holds. */
static void walk(struct diff *d, void (*fn)(struct diff *, const struct snap_row *,
                                            const struct snap_row *, void *), void *arg)
{
	size_t i = 0, k = 0;

	d->both = d->only_old = d->only_new = 0;
	while (i < d->old->nrows || k < d->new->nrows) {
		const struct snap_row *a = i < d->old->nrows ? &d->old->rows[i] : NULL;
		const struct snap_row *b = k < d->new->nrows ? &d->new->rows[k] : NULL;

		if (a && (!b || a->ip < b->ip)) {
			d->only_old++;
			i++;
		} else if (b && (!a || b->ip < a->ip)) {
			d->only_new++;
			k++;
		} else {
			d->both++;
			fn(d, a, b, arg);
			i++;
			k++;
		}
	}
}

static void count_row(struct diff *d, const struct snap_row *a, const struct snap_row *b,
                      void *arg)
{
	enum diff_change w = DC_NONE;

	(void)arg;
	for (size_t z = 0; z < d->nz; z++) {
		enum diff_change c = diff_change_of(&a->zone[d->z[z].o], &b->zone[d->z[z].n]);

		d->z[z].count[c]++;
		w = worse(w, c);
	}
	d->rows[w]++;
	d->changed += w != DC_NONE;
}

/* "127.0.0.2;127.0.0.4" */
static void codes_text(const struct lookup *l, const char *sep, char *out, size_t len)
{
	const uint32_t *c;
	char ip[IP4_STRLEN];
	size_t used = 0;
	uint32_t n;

	out[0] = '\0';
	c = lk_codes(l, &n);
	for (uint32_t i = 0; i < n && used < len; i++) {
		int w;

		ip4_format(c[i], ip);
		w = snprintf(out + used, len - used, "%s%s", i ? sep : "", ip);
		used = w < 0 ? len : used + (size_t)w;
	}
}

/* "listed 127.0.0.2", "clean", "error timeout" */
static void state_text(const struct lookup *l, char *out, size_t len)
{
	char codes[256];

	if (l->state == LK_LISTED) {
		codes_text(l, ",", codes, sizeof codes);
		snprintf(out, len, "listed %s", codes);
	} else if (l->state == LK_ERROR) {
		snprintf(out, len, "error %s", lk_error_name(l->error));
	} else {
		snprintf(out, len, "%s", lk_state_name(l->state));
	}
}

static bool row_changed(const struct diff *d, const struct snap_row *a, const struct snap_row *b)
{
	for (size_t z = 0; z < d->nz; z++)
		if (diff_change_of(&a->zone[d->z[z].o], &b->zone[d->z[z].n]) != DC_NONE)
			return true;
	return false;
}

static void text_row(struct diff *d, const struct snap_row *a, const struct snap_row *b,
                     void *arg)
{
	char ip[IP4_STRLEN], was[300], now[300];
	FILE *f = arg;
	bool first = true;

	if (!row_changed(d, a, b))
		return;
	ip4_format(a->ip, ip);
	for (size_t z = 0; z < d->nz; z++) {
		const struct lookup *x = &a->zone[d->z[z].o], *y = &b->zone[d->z[z].n];
		enum diff_change c = diff_change_of(x, y);

		if (c == DC_NONE)
			continue;
		state_text(x, was, sizeof was);
		state_text(y, now, sizeof now);
		fprintf(f, "  %-15s %-6s %-9s %s -> %s\n", first ? ip : "", d->z[z].key,
		        diff_change_name(c), was, now);
		first = false;
	}
}

static void text_write(FILE *f, struct diff *d)
{
	char t1[32], t2[32], n[5][32];

	snapshot_time_text(d->old, t1, sizeof t1);
	snapshot_time_text(d->new, t2, sizeof t2);
	fprintf(f, "rblscope diff\n\n  old       %s (%s)\n  new       %s (%s)\n", d->old->path, t1,
	        d->new->path, t2);
	fprintf(f, "  zones    ");
	for (size_t z = 0; z < d->nz; z++)
		fprintf(f, " %s", d->z[z].key);
	fprintf(f, "\n  addresses %s in both, %s only in old, %s only in new (not compared)\n",
	        num_grouped(d->both, n[0]), num_grouped(d->only_old, n[1]),
	        num_grouped(d->only_new, n[2]));
	/* each address once, by the change that says most of it */
	fprintf(f, "  changed   %s addresses: +%s listed, -%s delisted, %s newly failing\n",
	        num_grouped(d->changed, n[0]), num_grouped(d->rows[DC_LISTED], n[1]),
	        num_grouped(d->rows[DC_DELISTED], n[2]), num_grouped(d->rows[DC_ERROR], n[3]));
	for (size_t z = 0; z < d->nz; z++) {
		const size_t *c = d->z[z].count;

		fprintf(f, "  %-9s +%s listed, -%s delisted, %s newly failing, %s recovered, "
		        "%s other codes\n", d->z[z].key, num_grouped(c[DC_LISTED], n[0]),
		        num_grouped(c[DC_DELISTED], n[1]), num_grouped(c[DC_ERROR], n[2]),
		        num_grouped(c[DC_RECOVERED], n[3]), num_grouped(c[DC_CODES] + c[DC_OTHER], n[4]));
	}
	fputc('\n', f);
	if (!d->changed) {
		fputs("  no address changed\n", f);
		return;
	}
	fprintf(f, "  %-15s %-6s %-9s %s\n", "address", "zone", "change", "old -> new");
	walk(d, text_row, f);
}

static void csv_row(struct diff *d, const struct snap_row *a, const struct snap_row *b,
                    void *arg)
{
	char ip[IP4_STRLEN], codes[512];
	FILE *f = arg;

	if (!row_changed(d, a, b))
		return;
	ip4_format(a->ip, ip);
	fputs(ip, f);
	for (size_t z = 0; z < d->nz; z++) {
		const struct lookup *x = &a->zone[d->z[z].o], *y = &b->zone[d->z[z].n];

		fprintf(f, ",%s,%s,%s,%s,", diff_change_name(diff_change_of(x, y)), lk_state_name(x->state),
		        lk_state_name(y->state), x->state == LK_ERROR ? lk_error_name(x->error) : "");
		fputs(y->state == LK_ERROR ? lk_error_name(y->error) : "", f);
		codes_text(x, ";", codes, sizeof codes);
		fprintf(f, ",%s,", codes);
		codes_text(y, ";", codes, sizeof codes);
		fputs(codes, f);
	}
	fputc('\n', f);
}

static void json_codes(FILE *f, const struct lookup *l)
{
	char ip[IP4_STRLEN];
	uint32_t n;
	const uint32_t *c = lk_codes(l, &n);

	fputc('[', f);
	for (uint32_t i = 0; i < n; i++) {
		ip4_format(c[i], ip);
		fprintf(f, "%s\"%s\"", i ? "," : "", ip);
	}
	fputc(']', f);
}

static void json_row(struct diff *d, const struct snap_row *a, const struct snap_row *b,
                     void *arg)
{
	char ip[IP4_STRLEN];
	FILE *f = arg;

	if (!row_changed(d, a, b))
		return;
	ip4_format(a->ip, ip);
	fprintf(f, "{\"ip\":\"%s\"", ip);
	for (size_t z = 0; z < d->nz; z++) {
		const struct lookup *x = &a->zone[d->z[z].o], *y = &b->zone[d->z[z].n];
		const char *k = d->z[z].key;

		fprintf(f, ",\"%s_change\":\"%s\",\"%s_old\":\"%s\",\"%s_new\":\"%s\","
		        "\"%s_old_reason\":\"%s\",\"%s_new_reason\":\"%s\",\"%s_old_codes\":",
		        k, diff_change_name(diff_change_of(x, y)), k, lk_state_name(x->state), k,
		        lk_state_name(y->state), k, x->state == LK_ERROR ? lk_error_name(x->error) : "",
		        k, y->state == LK_ERROR ? lk_error_name(y->error) : "", k);
		json_codes(f, x);
		fprintf(f, ",\"%s_new_codes\":", k);
		json_codes(f, y);
	}
	fputs("}\n", f);
}

int diff_write(FILE *f, enum export_format fmt, const struct snapshot *old,
               const struct snapshot *new)
{
	struct diff d = { .old = old, .new = new };

	if (!zones_pair(&d))
		return EXIT_USAGE;
	walk(&d, count_row, NULL);
	switch (fmt) {
	case EXPORT_CSV:
		fputs("ip", f);
		for (size_t z = 0; z < d.nz; z++) {
			const char *k = d.z[z].key;

			fprintf(f, ",%s_change,%s_old,%s_new,%s_old_reason,%s_new_reason,%s_old_codes,"
			        "%s_new_codes", k, k, k, k, k, k, k);
		}
		fputc('\n', f);
		walk(&d, csv_row, f);
		break;
	case EXPORT_JSON:
		walk(&d, json_row, f);
		break;
	default:
		text_write(f, &d);
		break;
	}
	if (ferror(f))
		return EXIT_USAGE;
	return d.changed ? EXIT_LISTED : EXIT_NOTHING_LISTED;
}

static int diff_out(const char *path, enum export_format fmt, const struct snapshot *old,
                    const struct snapshot *new);

int diff_run(const struct options *o, const char *old_path, const char *new_path)
{
	struct snapshot old, new;
	char err[600];
	int rc;

	if (snapshot_read(old_path, &old, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	if (snapshot_read(new_path, &new, err, sizeof err) < 0) {
		msg_line("%s", err);
		snapshot_free(&old);
		return EXIT_USAGE;
	}
	errno = 0;
	rc = diff_out(o->output, o->export ? o->export : EXPORT_TEXT, &old, &new);
	snapshot_free(&old);
	snapshot_free(&new);
	return rc;
}

/* Write the diff of old and new to path (NULL: standard output). */
static int diff_out(const char *path, enum export_format fmt, const struct snapshot *old,
                    const struct snapshot *new)
{
	struct outfile out;
	char err[600];
	int rc;

	if (outfile_open(&out, path, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	rc = diff_write(out.f, fmt, old, new);
	if (rc == EXIT_USAGE) {
		outfile_abandon(&out);
		if (errno)
			msg_line("cannot write '%s': %s", out.name, strerror(errno));
		else
			msg_line("%s and %s share no zone: nothing to compare", old->path, new->path);
		return EXIT_USAGE;
	}
	if (outfile_commit(&out, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	return rc;
}

int since_run(struct session *s, const struct snapshot *old, const char *policy)
{
	const char *dir = getenv("TMPDIR");
	enum export_format fmt = s->opt->export;
	const char *output = s->opt->output;
	struct snapshot new;
	char tmp[4096], err[600];
	int fd, scan_rc, rc;

	snprintf(tmp, sizeof tmp, "%s/rblscope-since.XXXXXX", dir && *dir ? dir : "/tmp");
	if ((fd = mkstemp(tmp)) < 0) {
		msg_line("cannot make a temporary file in %s: %s", dir && *dir ? dir : "/tmp",
		         strerror(errno));
		return EXIT_USAGE;
	}
	close(fd);
	/* the new scan is a snapshot like any other, then read back */
	s->opt_store.export = EXPORT_JSON;
	s->opt_store.output = tmp;
	scan_rc = export_run(s, policy);
	s->opt_store.export = fmt;
	s->opt_store.output = output;
	if (scan_rc == EXIT_USAGE || scan_rc < 0 || scan_rc > EXIT_INCOMPLETE) {
		unlink(tmp);
		return scan_rc < 0 ? EXIT_USAGE : scan_rc;
	}
	if (snapshot_read(tmp, &new, err, sizeof err) < 0) {
		unlink(tmp);
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	unlink(tmp);
	free(new.path);
	new.path = strdup("this scan");
	errno = 0;
	rc = new.path ? diff_out(output, fmt, old, &new) : EXIT_USAGE;
	snapshot_free(&new);
	return rc != EXIT_USAGE && scan_rc == EXIT_INCOMPLETE ? EXIT_INCOMPLETE : rc;
}
