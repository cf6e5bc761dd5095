/* Shared by the libFuzzer harnesses of tests/fuzz/: invariant checks that
 * stop the run with a message, and temporary files for parsers that read
 * a path.  Each harness is one program: fuzz.c is linked into each. */
#ifndef RBLSCOPE_FUZZ_H
#define RBLSCOPE_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stop with "invariant broken: what (file:line)" when cond is false:
 * libFuzzer then saves the input as a crash. */
#define FZ_CHECK(cond) fz_check((cond), #cond, __FILE__, __LINE__)
void fz_check(bool ok, const char *what, const char *file, int line);

/* s is NUL-terminated within its size bytes. */
bool fz_terminated(const char *s, size_t size);

/* The n bytes at s are what sanitize_text lets through: valid UTF-8,
 * no C0 or C1 control, no DEL. */
bool fz_clean_text(const char *s, size_t n);

/* The host bits of a prefix length 0-32 (UINT32_MAX >> 32 is undefined). */
uint32_t fz_host_mask(unsigned prefix);

/* Write n bytes to a file called name in this run's temporary folder
 * (made on first use, removed at exit); its path, valid until the next
 * call with the same name. */
const char *fz_write(const char *name, const void *data, size_t n);

/* The same, gzip-compressed. */
const char *fz_write_gz(const char *name, const void *data, size_t n);

#endif
