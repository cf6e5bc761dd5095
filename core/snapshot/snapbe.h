/* A backend that answers from a snapshot: every lookup as it was when
 * the snapshot was taken, nothing sent anywhere.  An address the
 * snapshot does not hold is an error (absent), never clean. */
#ifndef RBLSCOPE_SNAPBE_H
#define RBLSCOPE_SNAPBE_H

#include "core/lookup/backend.h"
#include "core/snapshot/snapshot.h"

/* A backend over snap, which must outlive it; NULL when out of memory. */
struct backend *snapshot_backend_new(const struct snapshot *snap);

#endif
