/* rblscope: the export for scripts, or the terminal UI for people. */
#include <stdio.h>
#include <string.h>

#include "core/base/msg.h"
#include "core/demo/demo.h"
#include "core/export/diffreport.h"
#include "core/export/export.h"
#include "core/export/historyreport.h"
#include "core/scan/options.h"
#include "core/scan/session.h"
#include "core/snapshot/snapbe.h"
#include "tui/tui.h"

/* --open and --since: the snapshot's profile, and its targets unless
 * others are given; --open answers from it.  0, or EXIT_USAGE. */
static int snapshot_take(struct options *o, struct snapshot *snap)
{
	char err[600];

	if (snapshot_read(o->open_path ? o->open_path : o->since_path, snap, err, sizeof err) < 0) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	o->profile = &snap->profile;
	memset(o->zone_override, 0, sizeof o->zone_override);
	if (!o->has_target) {
		if (!snap->ntargets) {
			msg_line("%s names no target: give one", snap->path);
			return EXIT_USAGE;
		}
		o->targets = snap->targets;
		o->ntargets = snap->ntargets;
		o->target = snap->targets[0];
		o->has_target = true;
	}
	if (o->open_path) {
		o->probe = false;   /* nothing is asked: nothing to test */
		o->rate = 0;
		if (!(o->backend = snapshot_backend_new(snap)) ||
		    (!o->db_path && !(o->db = snapshot_asn_db(snap)))) {
			msg_line("out of memory");
			return EXIT_USAGE;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options opt;
	struct session s;
	struct snapshot snap = { 0 };
	struct demo *d = NULL;
	char err[512], policy[DEMO_POLICY_LINE_MAX];
	int rc;

	rc = options_parse(&opt, argc, argv);
	if (rc >= 0)
		return rc;
	if (opt.diff_old)
		return diff_run(&opt, opt.diff_old, opt.diff_new);
	if (opt.history)
		return historyreport_run(&opt);
	if ((opt.open_path || opt.since_path) && (rc = snapshot_take(&opt, &snap)) != 0) {
		snapshot_free(&snap);
		return rc;
	}
	/* The demo writes its zones first: the session reads them. */
	if (opt.demo && !(d = demo_open(&opt, err, sizeof err))) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	rc = session_open(&s, &opt, err, sizeof err);
	if (rc != 0) {
		msg_line("%s", err);
		demo_cleanup(d);
		snapshot_free(&snap);
		return rc;
	}
	if (opt.since_path && opt.export)
		rc = since_run(&s, &snap, demo_policy_line(d, policy, sizeof policy));
	else if (opt.export)
		rc = export_run(&s, demo_policy_line(d, policy, sizeof policy));
	else
		rc = tui_run(&s, d, opt.since_path ? &snap : NULL);
	session_close(&s);
	demo_cleanup(d);
	snapshot_free(&snap);
	return rc;
}
