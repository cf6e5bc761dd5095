/* Fuzzing core/lookup/dns.c's --resolver check: any text as a list of servers.
 * An accepted list must be one the backend opens; a refused one must
 * say why. */
#include <stdlib.h>
#include <string.h>

#include "core/lookup/backend.h"
#include "core/lookup/dns.h"
#include "core/base/loop.h"
#include "tests/fuzz/fuzz.h"

/* What the check accepts, the backend can be built on: no query is
 * sent (UDP sockets are only connected), so any address is safe here. */
static void check_backend_opens(const char *servers)
{
	static struct loop *lp;
	struct dns_config cfg = { servers, 100, 0, 0 };
	struct backend *be;
	char err[256];

	if (!lp && !(lp = loop_new()))
		abort();
	be = dns_backend_new(lp, &cfg, err, sizeof err);
	/* an address family the machine lacks is the one excuse */
	FZ_CHECK(be != NULL || strstr(err, "cannot use resolver"));
	backend_destroy(be);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), err[160];

	FZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	err[0] = '\0';
	if (dns_servers_check(s, err, sizeof err) == 0)
		check_backend_opens(s);
	else
		FZ_CHECK(err[0] != '\0' && fz_terminated(err, sizeof err));
	free(s);
	return 0;
}
