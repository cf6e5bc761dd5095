/* Fuzzing core/scan/config.c: any bytes as a configuration file, and the
 * same bytes as one line of a --targets file.  An accepted file must set
 * values in range; a refused one says "cfg:LINE: reason" in one line. */
#include <stdlib.h>
#include <string.h>

#include "core/scan/config.h"
#include "core/scan/options.h"
#include "core/scan/targets.h"
#include "tests/fuzz/fuzz.h"

/* A value: not empty, no control character but a tab inside. */
static void check_string(const char *s)
{
	if (!s)
		return;
	FZ_CHECK(s[0] != '\0');
	for (const char *c = s; *c; c++)
		FZ_CHECK(((unsigned char)*c >= 0x20 || *c == '\t') && (unsigned char)*c != 0x7f);
}

static void fuzz_config(const uint8_t *data, size_t size)
{
	struct options o;
	char err[256];

	memset(&o, 0, sizeof o);
	err[0] = '\0';
	if (config_parse(&o, "cfg", (const char *)data, size, err, sizeof err) == 0) {
		FZ_CHECK(err[0] == '\0');
		FZ_CHECK(!(o.zones_dir && o.resolver));
		FZ_CHECK(o.rate == 0 || (o.rate >= OPT_MIN_RATE && o.rate <= OPT_MAX_RATE));
		FZ_CHECK(o.timeout_ms <= 600000 && o.retries <= 20 && o.window <= 65536);
		check_string(o.resolver);
		check_string(o.db_path);
		check_string(o.zones_dir);
		check_string(o.profile_name);
		return;
	}
	FZ_CHECK(fz_terminated(err, sizeof err));
	FZ_CHECK(strncmp(err, "cfg:", 4) == 0 && !strchr(err, '\n'));
}

static void fuzz_target_line(const uint8_t *data, size_t size)
{
	char line[1024], err[200];
	struct target t;
	size_t n = size < sizeof line - 1 ? size : sizeof line - 1;
	int rc;

	memcpy(line, data, n);
	line[n] = '\0';
	rc = targets_line(line, &t, err, sizeof err);
	FZ_CHECK(rc >= -1 && rc <= 1);
	if (rc == 1) {
		FZ_CHECK(t.kind == TARGET_NET && t.prefix >= 16 && t.prefix <= 32);
		FZ_CHECK((t.net & fz_host_mask(t.prefix)) == 0);
	} else if (rc < 0) {
		FZ_CHECK(fz_terminated(err, sizeof err) && err[0]);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_config(data, size);
	fuzz_target_line(data, size);
	return 0;
}
