/* rblscope: the export for scripts, or the terminal UI for people. */
#include <stdio.h>

#include "core/base/msg.h"
#include "core/demo/demo.h"
#include "core/export/export.h"
#include "core/export/historyreport.h"
#include "core/scan/options.h"
#include "core/scan/session.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
	struct options opt;
	struct session s;
	struct demo *d = NULL;
	char err[512], policy[DEMO_POLICY_LINE_MAX];
	int rc;

	rc = options_parse(&opt, argc, argv);
	if (rc >= 0)
		return rc;
	if (opt.history)
		return historyreport_run(&opt);
	/* The demo writes its zones first: the session reads them. */
	if (opt.demo && !(d = demo_open(&opt, err, sizeof err))) {
		msg_line("%s", err);
		return EXIT_USAGE;
	}
	rc = session_open(&s, &opt, err, sizeof err);
	if (rc != 0) {
		msg_line("%s", err);
		demo_cleanup(d);
		return rc;
	}
	if (opt.export)
		rc = export_run(&s, demo_policy_line(d, policy, sizeof policy));
	else
		rc = tui_run(&s, d);
	session_close(&s);
	demo_cleanup(d);
	return rc;
}
