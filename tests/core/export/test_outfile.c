/* Unit tests for core/export/outfile.c: an export never follows, replaces or
 * destroys what the user did not name, and never leaves half a file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/export/outfile.h"

struct fx {
	char dir[64];
	char path[128];
};

static int setup(void **state)
{
	struct fx *x = calloc(1, sizeof *x);

	if (!x)
		return -1;
	snprintf(x->dir, sizeof x->dir, "/tmp/rblscope-test-outfile.XXXXXX");
	if (!mkdtemp(x->dir))
		return -1;
	snprintf(x->path, sizeof x->path, "%s/out.csv", x->dir);
	*state = x;
	return 0;
}

static int teardown(void **state)
{
	struct fx *x = *state;
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", x->dir);
	if (system(cmd) != 0)
		return -1;
	free(x);
	return 0;
}

static void write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void assert_file(const char *path, const char *want)
{
	char buf[256] = "";
	FILE *f = fopen(path, "r");
	size_t n;

	assert_non_null(f);
	n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_string_equal(buf, want);
}

/* The names in dir, other than . and .., joined by spaces. */
static void dir_names(const char *dir, char *out, size_t len)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	out[0] = '\0';
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			snprintf(out + strlen(out), len - strlen(out), "%s%s", out[0] ? " " : "", e->d_name);
	}
	closedir(d);
}

static void new_file_is_written_whole_then_named(void **state)
{
	struct fx *x = *state;
	struct outfile o;
	char err[256], names[256];
	struct stat st;
	mode_t old = umask(022);

	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), 0);
	/* until the commit only the temporary file exists */
	assert_int_equal(access(x->path, F_OK), -1);
	assert_non_null(strstr(o.tmp, x->dir));
	fputs("ip,l1\n", o.f);
	assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
	assert_file(x->path, "ip,l1\n");
	assert_int_equal(stat(x->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	dir_names(x->dir, names, sizeof names);
	assert_string_equal(names, "out.csv");
	umask(old);
}

static void existing_file_keeps_its_mode_and_survives_an_abandon(void **state)
{
	struct fx *x = *state;
	struct outfile o;
	char err[256], names[256];
	struct stat st;

	write_file(x->path, "old\n", 0600);
	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), 0);
	fputs("half", o.f);
	outfile_abandon(&o);
	assert_file(x->path, "old\n");
	dir_names(x->dir, names, sizeof names);
	assert_string_equal(names, "out.csv");

	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), 0);
	fputs("new\n", o.f);
	assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
	assert_file(x->path, "new\n");
	assert_int_equal(stat(x->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
}

static void a_symlink_is_followed_and_kept(void **state)
{
	struct fx *x = *state;
	char target[160], err[256], link[160];
	struct outfile o;
	struct stat st;
	ssize_t n;

	snprintf(target, sizeof target, "%s/real.csv", x->dir);
	write_file(target, "old\n", 0644);
	assert_int_equal(symlink("real.csv", x->path), 0);
	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), 0);
	fputs("new\n", o.f);
	assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
	assert_int_equal(lstat(x->path, &st), 0);
	assert_true(S_ISLNK(st.st_mode));
	n = readlink(x->path, link, sizeof link - 1);
	assert_true(n > 0);
	link[n] = '\0';
	assert_string_equal(link, "real.csv");
	assert_file(target, "new\n");
}

static void a_symlink_to_nothing_is_refused(void **state)
{
	struct fx *x = *state;
	char victim[160], err[256];
	struct outfile o;

	snprintf(victim, sizeof victim, "%s/not-there", x->dir);
	assert_int_equal(symlink(victim, x->path), 0);
	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	assert_int_equal(access(victim, F_OK), -1);
}

/* Links planted in the folder, at names an attacker might guess, are
 * never followed: the temporary file is made with O_EXCL. */
static void planted_links_are_not_followed(void **state)
{
	struct fx *x = *state;
	char victim[160], name[200], err[256];
	struct outfile o;

	snprintf(victim, sizeof victim, "%s/victim", x->dir);
	write_file(victim, "precious\n", 0644);
	snprintf(name, sizeof name, "%s.tmp.%ld", x->path, (long)getpid());
	assert_int_equal(symlink(victim, name), 0);
	snprintf(name, sizeof name, "%s/.rblscope-XXXXXX", x->dir);
	assert_int_equal(symlink(victim, name), 0);
	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), 0);
	fputs("export\n", o.f);
	assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
	assert_file(victim, "precious\n");
	assert_file(x->path, "export\n");
}

static void folders_and_bad_paths_are_refused(void **state)
{
	struct fx *x = *state;
	char path[PATH_MAX + 16], err[256];
	struct outfile o;

	assert_int_equal(outfile_open(&o, x->dir, err, sizeof err), -1);
	assert_non_null(strstr(err, "folder"));
	snprintf(path, sizeof path, "%s/new/", x->dir);
	assert_int_equal(outfile_open(&o, path, err, sizeof err), -1);
	snprintf(path, sizeof path, "%s/missing/out.csv", x->dir);
	assert_int_equal(outfile_open(&o, path, err, sizeof err), -1);
	assert_non_null(strstr(err, "No such file"));
	assert_int_equal(outfile_open(&o, "", err, sizeof err), -1);
	assert_non_null(strstr(err, "empty"));
	memset(path, 'a', sizeof path - 1);
	path[sizeof path - 1] = '\0';
	assert_int_equal(outfile_open(&o, path, err, sizeof err), -1);
	assert_non_null(strstr(err, "longer"));
	/* a path whose folder is a file */
	write_file(x->path, "x", 0644);
	snprintf(path, sizeof path, "%s/out.csv/y", x->dir);
	assert_int_equal(outfile_open(&o, path, err, sizeof err), -1);
}

static void names_in_messages_are_sanitised(void **state)
{
	struct fx *x = *state;
	char path[200], err[512];
	struct outfile o;

	snprintf(path, sizeof path, "%s/missing\n\033[31m/x", x->dir);
	assert_int_equal(outfile_open(&o, path, err, sizeof err), -1);
	for (const char *p = err; *p; p++)
		assert_true((unsigned char)*p >= 0x20 && *p != 0x7f);
}

static void devices_are_written_directly(void **state)
{
	struct outfile o;
	char err[256];
	struct stat st;

	(void)state;
	assert_int_equal(outfile_open(&o, "/dev/null", err, sizeof err), 0);
	assert_string_equal(o.tmp, "");
	fputs("gone\n", o.f);
	assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
	assert_int_equal(stat("/dev/null", &st), 0);
	assert_true(S_ISCHR(st.st_mode));

	/* a full device: the failure is reported */
	if (access("/dev/full", W_OK) == 0) {
		assert_int_equal(outfile_open(&o, "/dev/full", err, sizeof err), 0);
		fputs("no room\n", o.f);
		assert_int_equal(outfile_commit(&o, err, sizeof err), -1);
		assert_non_null(strstr(err, "No space"));
	}
	assert_int_equal(outfile_open(&o, "-", err, sizeof err), 0);
	assert_ptr_equal(o.f, stdout);
	assert_string_equal(o.name, "standard output");
}

static void a_fifo_is_written_directly_and_never_hangs(void **state)
{
	struct fx *x = *state;
	char err[256], got[64] = "";
	struct outfile o;
	struct stat st;
	int fds[2], status;
	pid_t pid;

	assert_int_equal(mkfifo(x->path, 0600), 0);
	/* nobody reads it: refused at once */
	assert_int_equal(outfile_open(&o, x->path, err, sizeof err), -1);
	assert_non_null(strstr(err, "no process reads"));

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int fd = open(x->path, O_RDONLY);
		char buf[64];
		ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof buf);

		_exit(n > 0 && write(fds[1], buf, (size_t)n) == n ? 0 : 1);
	}
	close(fds[1]);
	for (int i = 0; i < 500 && outfile_open(&o, x->path, err, sizeof err) < 0; i++)
		usleep(10000);
	assert_non_null(o.f);
	fputs("through\n", o.f);
	assert_int_equal(outfile_commit(&o, err, sizeof err), 0);
	assert_int_equal(read(fds[0], got, sizeof got - 1) > 0, 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_string_equal(got, "through\n");
	assert_int_equal(lstat(x->path, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(new_file_is_written_whole_then_named, setup, teardown),
		cmocka_unit_test_setup_teardown(existing_file_keeps_its_mode_and_survives_an_abandon,
		                                setup, teardown),
		cmocka_unit_test_setup_teardown(a_symlink_is_followed_and_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(a_symlink_to_nothing_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(planted_links_are_not_followed, setup, teardown),
		cmocka_unit_test_setup_teardown(folders_and_bad_paths_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(names_in_messages_are_sanitised, setup, teardown),
		cmocka_unit_test(devices_are_written_directly),
		cmocka_unit_test_setup_teardown(a_fifo_is_written_directly_and_never_hangs, setup,
		                                teardown),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
