/* ASN data from MaxMind DB files: open, look up, locate, and walk every
 * IPv4 network of the search tree. */
#include "geo/asn.h"

#include "core/base/sanitize.h"
#include "core/base/strpool.h"
#include "geo/asntable.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <maxminddb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#define ASN_KEY "autonomous_system_number"
#define ORG_KEY "autonomous_system_organization"

/* Bits of an IPv6 address above the IPv4 space (::/96). */
#define IPV4_IN_IPV6_DEPTH 96

/* start is where the IPv4 space begins: a search node, or for a tree
 * that ends above ::/96, the one record covering all of it. */
struct asn_db {
	MMDB_s mmdb;
	char *path;
	uint8_t start_type;
	uint64_t start;
	uint32_t start_offset;
	unsigned cache_bits;  /* record cache size of the last walk, log2 */
	struct strpool orgs;  /* every org handed out, once each */
	struct asn_table *table;   /* in memory (a snapshot's): no MMDB */
	time_t built;
};

/* A data record, by data offset: its ASN, or with orgs its place in the
 * record store. */
struct slot {
	uint32_t key;   /* data offset + 1, so that 0 marks a free slot */
	uint32_t val;
};

/* A decoded record of a walk with orgs. */
struct rec {
	uint32_t asn;
	const char *org;   /* in the handle's pool */
};

/* Decodes each data record once however many networks share it: a walk
 * meets some 100,000 records half a million times.  Slots are 8 bytes so
 * that a probe touches one cache line, and a record's ASN and org sit
 * together in the store so that a change of record costs one more. */
struct rec_cache {
	struct asn_db *db;
	bool with_org;
	unsigned bits;
	size_t used;
	struct slot *slots;
	struct rec *store;
	size_t store_len, store_cap;
	size_t last;      /* the slot found last */
};

struct walker;
typedef int (*leaf_fn)(struct walker *w, uint32_t net, unsigned prefix,
                       uint32_t offset);

struct walker {
	leaf_fn leaf;
	uint64_t visits;
	struct rec_cache cache;
	/* asn_db_walk */
	asn_walk_fn fn;
	void *arg;
	struct asn_info info;
	uint32_t info_key;
	/* asn_db_networks */
	uint32_t asn;
	struct asn_net *nets;
	size_t n, cap;
	uint64_t total;
};

static void set_err(char *err, size_t errlen, const char *path,
                    const char *reason)
{
	if (err && errlen)
		snprintf(err, errlen, "cannot open ASN database '%s': %s", path,
		         reason);
}

/* Reads one record; a tree pointing outside itself is corrupt. */
static int read_node(const MMDB_s *mmdb, uint32_t node, MMDB_search_node_s *n)
{
	/* MMDB_read_node accepts node == node_count, which is no node. */
	if (node >= mmdb->metadata.node_count)
		return -1;
	return MMDB_read_node(mmdb, node, n) == MMDB_SUCCESS ? 0 : -1;
}

/* Follows the left branches from the root of an IPv6 tree down to ::/96,
 * so that the IPv4 space is reached once and not through the
 * ::ffff:0:0/96, 6to4 and Teredo aliases. */
static int find_ipv4_start(struct asn_db *db)
{
	MMDB_search_node_s n;
	unsigned depth;

	db->start_type = MMDB_RECORD_TYPE_SEARCH_NODE;
	if (db->mmdb.metadata.ip_version == 4)
		return db->mmdb.metadata.node_count > 0 ? 0 : -1;
	for (depth = 0; depth < IPV4_IN_IPV6_DEPTH; depth++) {
		if (read_node(&db->mmdb, (uint32_t)db->start, &n) < 0)
			return -1;
		db->start_type = n.left_record_type;
		db->start = n.left_record;
		db->start_offset = n.left_record_entry.offset;
		if (db->start_type != MMDB_RECORD_TYPE_SEARCH_NODE)
			break;
	}
	return db->start_type == MMDB_RECORD_TYPE_INVALID ? -1 : 0;
}

/* The reason MMDB_open failed, in words a user can act on. */
static const char *open_reason(int status, int saved_errno)
{
	switch (status) {
	case MMDB_FILE_OPEN_ERROR:
	case MMDB_IO_ERROR:
		return saved_errno ? strerror(saved_errno) : MMDB_strerror(status);
	case MMDB_INVALID_METADATA_ERROR:
	case MMDB_UNKNOWN_DATABASE_FORMAT_ERROR:
		return "not a MaxMind DB file";
	default:
		return MMDB_strerror(status);
	}
}

struct asn_db *asn_db_open(const char *path, char *err, size_t errlen)
{
	struct asn_db *db;
	const char *reason = NULL;
	struct stat st;
	int status;

	/* Directories and empty files would otherwise fail in mmap, with
	 * a reason that names neither. */
	if (stat(path, &st) != 0) {
		set_err(err, errlen, path, strerror(errno));
		return NULL;
	}
	if (S_ISDIR(st.st_mode) || st.st_size == 0) {
		set_err(err, errlen, path, S_ISDIR(st.st_mode) ? strerror(EISDIR) :
		        "empty file, not a MaxMind DB");
		return NULL;
	}
	db = calloc(1, sizeof(*db));
	if (!db || !(db->path = strdup(path))) {
		set_err(err, errlen, path, strerror(ENOMEM));
		free(db);
		return NULL;
	}
	strpool_init(&db->orgs);
	errno = 0;
	status = MMDB_open(path, MMDB_MODE_MMAP, &db->mmdb);
	if (status != MMDB_SUCCESS) {
		set_err(err, errlen, path, open_reason(status, errno));
		free(db->path);
		free(db);
		return NULL;
	}
	if (db->mmdb.metadata.ip_version != 4 && db->mmdb.metadata.ip_version != 6)
		reason = "unsupported IP version";
	else if (find_ipv4_start(db) < 0)
		reason = "corrupt search tree";
	if (reason) {
		set_err(err, errlen, path, reason);
		asn_db_close(db);
		return NULL;
	}
	return db;
}

struct asn_db *asn_db_from_networks(const char *name, const struct asn_info *nets, size_t n,
                                    time_t built)
{
	struct asn_db *db = calloc(1, sizeof *db);
	struct asn_info *own = malloc((n ? n : 1) * sizeof *own);

	if (!db || !own || !(db->path = strdup(name)) || !(db->table = malloc(sizeof *db->table)))
		goto fail;
	strpool_init(&db->orgs);
	db->built = built;
	/* the names become the handle's, as a file's would */
	for (size_t i = 0; i < n; i++) {
		own[i] = nets[i];
		if (!(own[i].org = strpool_intern(&db->orgs, nets[i].org)))
			goto fail;
	}
	if (asn_table_make(db->table, own, n) < 0)
		goto fail;
	free(own);
	return db;
fail:
	free(own);
	if (db) {
		strpool_free(&db->orgs);
		free(db->table);
		free(db->path);
		free(db);
	}
	return NULL;
}

void asn_db_close(struct asn_db *db)
{
	if (!db)
		return;
	if (db->table) {
		asn_table_free(db->table);
		free(db->table);
	} else {
		MMDB_close(&db->mmdb);
	}
	strpool_free(&db->orgs);
	free(db->path);
	free(db);
}

const char *asn_db_path(const struct asn_db *db)
{
	return db->path;
}

const char *asn_db_type(const struct asn_db *db)
{
	const char *t = db->table ? "snapshot" : db->mmdb.metadata.database_type;

	return t ? t : "";
}

time_t asn_db_build_time(const struct asn_db *db)
{
	if (db->table)
		return db->built;
	return (time_t)db->mmdb.metadata.build_epoch;
}

/* One key of a data record; *found false when the record lacks it. */
static int record_value(const MMDB_s *mmdb, uint32_t offset, const char *key,
                        MMDB_entry_data_s *v, bool *found)
{
	MMDB_entry_s entry = { .mmdb = mmdb, .offset = offset };
	const char *const path[] = { key, NULL };
	/* The array form: MMDB_get_value copies its path into a malloc'd
	 * array on every call. */
	int status = MMDB_aget_value(&entry, v, path);

	*found = false;
	if (status == MMDB_LOOKUP_PATH_DOES_NOT_MATCH_DATA_ERROR)
		return 0;  /* not a map: a record without ASN data */
	if (status != MMDB_SUCCESS)
		return -1;
	*found = v->has_data;
	return 0;
}

/* GeoLite2 stores the ASN as uint32; other writers may pick another
 * unsigned type, read as long as the value fits. */
static uint32_t asn_from(const MMDB_entry_data_s *v)
{
	if (v->type == MMDB_DATA_TYPE_UINT32)
		return v->uint32;
	if (v->type == MMDB_DATA_TYPE_UINT16)
		return v->uint16;
	if (v->type == MMDB_DATA_TYPE_UINT64 && v->uint64 <= UINT32_MAX)
		return (uint32_t)v->uint64;
	return 0;
}

static int record_asn(const MMDB_s *mmdb, uint32_t offset, uint32_t *asn)
{
	MMDB_entry_data_s v;
	bool found;

	*asn = 0;
	if (record_value(mmdb, offset, ASN_KEY, &v, &found) < 0)
		return -1;
	if (found)
		*asn = asn_from(&v);
	return 0;
}

/* The org of the record at offset in *org, kept in the handle's pool:
 * sanitised, as AS names are registered by anyone and reach terminals
 * and files, and cut with a mark past ASN_ORG_MAX.  0, or -1 on a
 * corrupt record or no memory. */
static int record_org(struct asn_db *db, uint32_t offset, const char **org)
{
	char buf[ASN_ORG_MAX];
	MMDB_entry_data_s v;
	bool found;

	*org = "";
	if (record_value(&db->mmdb, offset, ORG_KEY, &v, &found) < 0)
		return -1;
	if (!found || v.type != MMDB_DATA_TYPE_UTF8_STRING)
		return 0;
	sanitize_text_marked(buf, sizeof buf, v.utf8_string, v.data_size, ASN_ORG_CUT);
	*org = strpool_intern(&db->orgs, buf);
	return *org ? 0 : -1;
}

int asn_db_lookup(struct asn_db *db, uint32_t ip, struct asn_info *out)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	MMDB_lookup_result_s r;
	unsigned prefix;
	int status;

	*out = ASN_INFO_NONE;
	if (db->table) {
		asn_table_lookup(db->table, ip, out);
		return 0;
	}
	sin.sin_addr.s_addr = htonl(ip);
	r = MMDB_lookup_sockaddr(&db->mmdb, (const struct sockaddr *)&sin,
	                         &status);
	if (status != MMDB_SUCCESS)
		return -1;
	if (!r.found_entry)
		return 0;
	prefix = r.netmask;
	if (db->mmdb.metadata.ip_version == 6)
		prefix = prefix > IPV4_IN_IPV6_DEPTH ? prefix - IPV4_IN_IPV6_DEPTH : 0;
	if (prefix > 32)
		return -1;
	if (record_asn(&db->mmdb, r.entry.offset, &out->asn) < 0 ||
	    record_org(db, r.entry.offset, &out->org) < 0) {
		*out = ASN_INFO_NONE;
		return -1;
	}
	out->found = true;
	out->prefix = prefix;
	out->net = prefix ? ip & (UINT32_MAX << (32 - prefix)) : 0;
	return 0;
}

/* ---- locating a database ---- */

/* ---- the record cache ---- */

static size_t slot_index(uint32_t key, unsigned bits)
{
	return (uint32_t)(key * 2654435761u) >> (32 - bits);
}

/* Sized from the previous walk of db, so that later walks do not grow. */
static int cache_init(struct rec_cache *c, struct asn_db *db, bool with_org)
{
	memset(c, 0, sizeof(*c));
	c->db = db;
	c->with_org = with_org;
	c->bits = db->cache_bits ? db->cache_bits : 12;
	c->slots = calloc((size_t)1 << c->bits, sizeof(*c->slots));
	return c->slots ? 0 : -1;
}

static void cache_free(struct rec_cache *c, struct asn_db *db)
{
	if (c->bits > db->cache_bits)
		db->cache_bits = c->bits;
	free(c->slots);
	free(c->store);
}

static size_t cache_probe(const struct slot *slots, unsigned bits, uint32_t key)
{
	size_t mask = ((size_t)1 << bits) - 1, i = slot_index(key, bits);

	while (slots[i].key && slots[i].key != key)
		i = (i + 1) & mask;
	return i;
}

/* Doubles the table. */
static int cache_grow(struct rec_cache *c)
{
	size_t i, cap = (size_t)1 << c->bits;
	struct slot *s;

	if (c->bits >= 31 || !(s = calloc(cap * 2, sizeof(*s))))
		return -1;
	for (i = 0; i < cap; i++)
		if (c->slots[i].key)
			s[cache_probe(s, c->bits + 1, c->slots[i].key)] = c->slots[i];
	free(c->slots);
	c->slots = s;
	c->bits++;
	c->last = 0;
	return 0;
}

/* Appends a record's ASN and org to the store; its index in *at. */
static int cache_store(struct rec_cache *c, uint32_t offset, uint32_t asn,
                       uint32_t *at)
{
	const char *org;

	if (record_org(c->db, offset, &org) < 0)
		return -1;
	if (c->store_len == c->store_cap) {
		size_t cap = c->store_cap ? c->store_cap * 2 : 4096;
		struct rec *t = cap <= UINT32_MAX ? realloc(c->store, cap * sizeof(*t)) : NULL;

		if (!t)
			return -1;
		c->store = t;
		c->store_cap = cap;
	}
	*at = (uint32_t)c->store_len;
	c->store[c->store_len++] = (struct rec){ asn, org };
	return 0;
}

/* The slot of the data record at offset, decoding the record on first
 * sight; NULL on a corrupt record or no memory. */
static const struct slot *cache_get(struct rec_cache *c, uint32_t offset)
{
	uint32_t key = offset + 1, asn;
	size_t i;

	if (c->slots[c->last].key == key)
		return &c->slots[c->last];  /* neighbours often share a record */
	/* Kept at most 70% full so that probes stay short. */
	if ((c->used + 1) * 10 > ((size_t)7 << c->bits) && cache_grow(c) < 0)
		return NULL;
	i = cache_probe(c->slots, c->bits, key);
	if (!c->slots[i].key) {
		if (offset >= c->db->mmdb.data_section_size ||
		    record_asn(&c->db->mmdb, offset, &asn) < 0)
			return NULL;
		c->slots[i].val = asn;
		if (c->with_org && cache_store(c, offset, asn, &c->slots[i].val) < 0)
			return NULL;
		c->slots[i].key = key;
		c->used++;
	}
	c->last = i;
	return &c->slots[i];
}

/* ---- walking the tree ---- */

static int walk_node(struct walker *w, uint32_t node, uint32_t net,
                     unsigned depth);

static int walk_record(struct walker *w, uint8_t type, uint64_t record,
                       uint32_t offset, uint32_t net, unsigned prefix)
{
	switch (type) {
	case MMDB_RECORD_TYPE_SEARCH_NODE:
		return walk_node(w, (uint32_t)record, net, prefix);
	case MMDB_RECORD_TYPE_EMPTY:
		return 0;
	case MMDB_RECORD_TYPE_DATA:
		return w->leaf(w, net, prefix, offset);
	default:
		return -1;
	}
}

/* Left before right, so networks come in address order.  A tree deeper
 * than 32 bits, or one that reaches more nodes than it has, loops back
 * on itself and is corrupt. */
static int walk_node(struct walker *w, uint32_t node, uint32_t net,
                     unsigned depth)
{
	const MMDB_s *mmdb = &w->cache.db->mmdb;
	MMDB_search_node_s n;
	int rc;

	if (depth >= 32 || ++w->visits > mmdb->metadata.node_count ||
	    read_node(mmdb, node, &n) < 0)
		return -1;
	rc = walk_record(w, n.left_record_type, n.left_record,
	                 n.left_record_entry.offset, net, depth + 1);
	if (rc)
		return rc;
	return walk_record(w, n.right_record_type, n.right_record,
	                   n.right_record_entry.offset,
	                   net | (uint32_t)1 << (31 - depth), depth + 1);
}

static int walk_from_start(struct asn_db *db, struct walker *w)
{
	return walk_record(w, db->start_type, db->start, db->start_offset, 0, 0);
}

static int leaf_visit(struct walker *w, uint32_t net, unsigned prefix,
                      uint32_t offset)
{
	const struct slot *s;

	if (w->info_key != offset + 1) {
		if (!(s = cache_get(&w->cache, offset)))
			return -1;
		w->info.asn = w->cache.store[s->val].asn;
		w->info.org = w->cache.store[s->val].org;
		w->info_key = offset + 1;
	}
	w->info.net = net;
	w->info.prefix = prefix;
	return w->fn(w->arg, &w->info);
}

int asn_db_walk(struct asn_db *db, asn_walk_fn fn, void *arg)
{
	struct walker w = { .leaf = leaf_visit, .fn = fn, .arg = arg };
	int rc;

	if (db->table)
		return asn_table_walk(db->table, fn, arg);
	if (cache_init(&w.cache, db, true) < 0)
		return -1;
	w.info = ASN_INFO_NONE;
	w.info.found = true;
	rc = walk_from_start(db, &w);
	cache_free(&w.cache, db);
	return rc;
}

static int nets_push(struct walker *w, uint32_t net, unsigned prefix)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct asn_net *p = realloc(w->nets, cap * sizeof(*p));

		if (!p)
			return -1;
		w->nets = p;
		w->cap = cap;
	}
	w->nets[w->n].net = net;
	w->nets[w->n].prefix = prefix;
	w->n++;
	w->total += (uint64_t)1 << (32 - prefix);
	return 0;
}

static int leaf_collect(struct walker *w, uint32_t net, unsigned prefix,
                        uint32_t offset)
{
	const struct slot *s = cache_get(&w->cache, offset);

	if (!s)
		return -1;
	return s->val == w->asn ? nets_push(w, net, prefix) : 0;
}

int asn_db_networks(struct asn_db *db, uint32_t asn, struct asn_net **nets,
                    size_t *n, uint64_t *total)
{
	struct walker w = { .leaf = leaf_collect, .asn = asn };
	int rc = -1;

	*nets = NULL;
	*n = 0;
	*total = 0;
	if (db->table)
		return asn_table_networks(db->table, asn, nets, n, total);
	if (cache_init(&w.cache, db, false) < 0)
		return -1;
	if (walk_from_start(db, &w) == 0) {
		*nets = w.nets;
		*n = w.n;
		*total = w.total;
		rc = 0;
	} else {
		free(w.nets);
	}
	cache_free(&w.cache, db);
	return rc;
}
