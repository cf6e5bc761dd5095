/* Fuzzing core/dns.c's --resolver check: any text as a list of servers.
 * An accepted list must be one c-ares can take; a refused one must say
 * why. */
#include <ares.h>
#include <stdlib.h>
#include <string.h>

#include "core/dns.h"
#include "tests/fuzz/fuzz.h"

/* c-ares must accept what the check accepts: dns_backend_new hands the
 * list to it as it is. */
static void check_cares_agrees(const char *servers)
{
	static ares_channel ch;
	int rc;

	if (!ch) {
		struct ares_options ao = { 0 };

		if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS ||
		    ares_init_options(&ch, &ao, 0) != ARES_SUCCESS)
			abort();
	}
	rc = ares_set_servers_ports_csv(ch, servers);
	FZ_CHECK(rc == ARES_SUCCESS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1), err[160];

	FZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	err[0] = '\0';
	if (dns_servers_check(s, err, sizeof err) == 0)
		check_cares_agrees(s);
	else
		FZ_CHECK(err[0] != '\0' && fz_terminated(err, sizeof err));
	free(s);
	return 0;
}
