/* rblscope: the export for scripts, or the terminal UI for people. */
#include <stdio.h>

#include "core/export/export.h"
#include "core/base/msg.h"
#include "core/scan/options.h"
#include "core/scan/session.h"
#include "tui/tui.h"

int main(int argc, char **argv)
{
	struct options opt;
	struct session s;
	char err[512];
	int rc;

	rc = options_parse(&opt, argc, argv);
	if (rc >= 0)
		return rc;
	rc = session_open(&s, &opt, err, sizeof err);
	if (rc != 0) {
		msg_line("%s", err);
		return rc;
	}
	rc = opt.export ? export_run(&s) : tui_run(&s, s.demo);
	session_close(&s);
	return rc;
}
