/* The /24s scanned so far.  A linear table: a session visits a few
 * hundred /24s at most, and the overview asks 256 times a draw. */
#include "tui/seen.h"

#define BASE_MASK 0xffffff00u

/* The index of the entry of base, or s->n when there is none. */
static size_t index_of(const struct seen *s, uint32_t base)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (s->e[i].base == base)
			break;
	return i;
}

void seen_record(struct seen *s, uint32_t base, size_t cells, size_t guilty, size_t errors)
{
	size_t i;

	base &= BASE_MASK;
	i = index_of(s, base);
	if (i == s->n && s->n < SEEN_MAX) {
		s->n++;
	} else if (i == s->n) {
		i = s->next;
		s->next = (s->next + 1) % SEEN_MAX;
	}
	s->e[i] = (struct seen_entry){ base, (uint16_t)cells, (uint16_t)guilty, (uint16_t)errors };
}

const struct seen_entry *seen_find(const struct seen *s, uint32_t base)
{
	size_t i = index_of(s, base & BASE_MASK);

	return i < s->n ? &s->e[i] : NULL;
}
