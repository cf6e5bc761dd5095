/* Unit tests for tui/ptr.c: one lookup per address, answers cached,
 * and answers that arrive after the cache closed dropped safely. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include "tui/ptr.h"

/* A backend that holds PTR queries until the test answers them. */
struct fake_be {
	struct backend base;
	unsigned queries;
	uint32_t ip[8];
	backend_ptr_cb cb[8];
	void *arg[8];
	bool fail;
};

static int fake_ptr(struct backend *be, uint32_t ip, backend_ptr_cb cb, void *arg)
{
	struct fake_be *f = (struct fake_be *)be;

	if (f->fail)
		return -1;
	assert_true(f->queries < 8);
	f->ip[f->queries] = ip;
	f->cb[f->queries] = cb;
	f->arg[f->queries] = arg;
	f->queries++;
	return 0;
}

static const struct backend_ops fake_ops = { .ptr = fake_ptr };
static const struct backend_ops no_ptr_ops = { .ptr = NULL };

static void on_change(void *arg)
{
	(*(int *)arg)++;
}

static void test_lookup_and_cache(void **state)
{
	struct fake_be be = { .base = { &fake_ops } };
	struct ptr_cache pc;
	bool known;
	int changes = 0;

	(void)state;
	ptr_init(&pc, &be.base, on_change, &changes);
	assert_string_equal(ptr_text(&pc, 0xc0000205u, &known), "looking up...");
	ptr_request(&pc, 0xc0000205u);
	ptr_request(&pc, 0xc0000205u);   /* in flight: not asked twice */
	assert_int_equal(be.queries, 1);
	assert_string_equal(ptr_text(&pc, 0xc0000205u, &known), "looking up...");
	assert_false(known);
	be.cb[0](be.arg[0], "mail.example.net", LKE_NONE);
	assert_int_equal(changes, 1);
	assert_string_equal(ptr_text(&pc, 0xc0000205u, &known), "mail.example.net");
	assert_true(known);
	ptr_request(&pc, 0xc0000205u);
	assert_int_equal(be.queries, 1);   /* cached */
	ptr_request(&pc, 0xc0000206u);
	be.cb[1](be.arg[1], NULL, LKE_NONE);
	assert_string_equal(ptr_text(&pc, 0xc0000206u, &known), "none");
	assert_false(known);
	ptr_request(&pc, 0xc0000207u);
	be.cb[2](be.arg[2], NULL, LKE_TIMEOUT);
	assert_string_equal(ptr_text(&pc, 0xc0000207u, &known), lk_error_text(LKE_TIMEOUT));
	ptr_close(&pc);
}

static void test_late_answer_dropped(void **state)
{
	struct fake_be be = { .base = { &fake_ops } };
	struct ptr_cache pc;
	int changes = 0;

	(void)state;
	ptr_init(&pc, &be.base, on_change, &changes);
	ptr_request(&pc, 1);
	ptr_request(&pc, 2);
	ptr_close(&pc);
	/* The backend answers (or cancels) after the UI is gone. */
	be.cb[0](be.arg[0], "late.example", LKE_NONE);
	be.cb[1](be.arg[1], NULL, LKE_OTHER);
	assert_int_equal(changes, 0);
}

static void test_cache_wraps(void **state)
{
	struct fake_be be = { .base = { &fake_ops } };
	struct ptr_cache pc;
	bool known;

	(void)state;
	ptr_init(&pc, &be.base, NULL, NULL);
	be.fail = true;   /* refused at once: an error entry, no callback */
	for (uint32_t ip = 0; ip < 3 * PTR_CACHE_SIZE; ip++)
		ptr_request(&pc, ip);
	assert_int_equal(be.queries, 0);
	assert_string_equal(ptr_text(&pc, 3 * PTR_CACHE_SIZE - 1, &known), lk_error_text(LKE_OTHER));
	assert_string_equal(ptr_text(&pc, 0, &known), "looking up...");   /* evicted */
	ptr_close(&pc);
}

static void test_no_ptr_support(void **state)
{
	struct fake_be be = { .base = { &no_ptr_ops } };
	struct ptr_cache pc;
	bool known;

	(void)state;
	ptr_init(&pc, &be.base, NULL, NULL);
	ptr_request(&pc, 5);
	assert_string_equal(ptr_text(&pc, 5, &known), "not looked up (zone files, no DNS)");
	ptr_close(&pc);
	ptr_init(&pc, NULL, NULL, NULL);
	ptr_request(&pc, 5);
	assert_string_equal(ptr_text(&pc, 5, &known), "not looked up (zone files, no DNS)");
	ptr_close(&pc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup_and_cache),
		cmocka_unit_test(test_late_answer_dropped),
		cmocka_unit_test(test_cache_wraps),
		cmocka_unit_test(test_no_ptr_support),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
