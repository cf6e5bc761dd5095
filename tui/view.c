/* The view model.  A target smaller than a /24 is scanned alone, so a
 * request for sixteen addresses does not send 256 queries to a public
 * list; the rest of its /24 is shown, marked as not scanned. */
#include "tui/view.h"

#include "core/base/ip.h"

#define VIEW_MASK 0xffffff00u

/* The scanned part of the /24 at v->base. */
static void view_range(struct view *v)
{
	const struct target *t = &v->target;

	v->net = v->base;
	v->prefix = 24;
	if (t->kind == TARGET_NET && t->prefix > 24 && (t->net & VIEW_MASK) == v->base) {
		v->net = t->net;
		v->prefix = t->prefix;
	}
}

void view_init(struct view *v, const struct target *t)
{
	v->target = *t;
	view_show(v, t->focus);
}

void view_show(struct view *v, uint32_t ip)
{
	v->base = ip & VIEW_MASK;
	v->cursor = ip;
	view_range(v);
}

bool view_move(struct view *v, int dx, int dy)
{
	int cell = (int)(v->cursor & 0xff), to;

	to = cell + dx;
	if (to < 0 || to > 255)
		return false;
	if (dy != 0) {
		to += dy * 16;
		if (to < 0 || to > 255)
			return false;
	}
	if (to == cell)
		return false;
	v->cursor = v->base | (uint32_t)to;
	return true;
}

void view_select(struct view *v, unsigned cell)
{
	v->cursor = v->base | (cell & 0xff);
}

bool view_step(struct view *v, int dir)
{
	uint32_t octet = v->cursor & 0xff;

	if (dir < 0 && v->base == 0)
		return false;
	if (dir > 0 && v->base == VIEW_MASK)
		return false;
	v->base = dir < 0 ? v->base - 256 : v->base + 256;
	v->cursor = v->base | octet;
	view_range(v);
	return true;
}

bool view_scanned(const struct view *v, uint32_t ip)
{
	return (ip & ip4_mask(v->prefix)) == v->net;
}

bool view_position(const struct view *v, uint32_t *index, uint32_t *count)
{
	const struct target *t = &v->target;

	if (t->kind != TARGET_NET || t->prefix >= 24)
		return false;
	if ((v->base & ip4_mask(t->prefix)) != t->net)
		return false;
	*count = (uint32_t)(cidr_size(t->prefix) >> 8);
	*index = ((v->base - t->net) >> 8) + 1;
	return true;
}
