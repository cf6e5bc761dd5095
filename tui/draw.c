/* Drawing helpers. */
#include "tui/draw.h"

#include "tui/text.h"

int draw_text(int y, int x, int width, attr_t attr, const char *s, bool utf8)
{
	char buf[2048];
	int used;

	if (width <= 0)
		return 0;
	used = text_fit(buf, sizeof buf, s, width, utf8);
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
	return used;
}

void draw_blank(int y, int x, int width, attr_t attr)
{
	attrset(attr);
	for (int i = 0; i < width; i++)
		mvaddch(y, x + i, ' ');
	attrset(A_NORMAL);
}

void draw_centred(int y, int x, int width, attr_t attr, const char *s, bool utf8)
{
	int w = text_width(s, utf8);

	draw_text(y, x + (w < width ? (width - w) / 2 : 0), width, attr, s, utf8);
}

int draw_kv(int y, int x, int width, int maxlines, attr_t attr, const char *label,
            const char *value, bool utf8)
{
	char line[1024];
	const char *p = value;
	int n = 0, vw = width - DRAW_KV_LABEL_W;

	if (maxlines <= 0 || vw < 8)
		return 0;
	draw_text(y, x, DRAW_KV_LABEL_W - 1, A_DIM, label, utf8);
	while (n < maxlines && (n + 1 < maxlines ? text_wrap_next(&p, vw, utf8, line, sizeof line) :
	                        text_wrap_last(&p, vw, utf8, line, sizeof line)))
		draw_text(y + n++, x + DRAW_KV_LABEL_W, vw, attr, line, utf8);
	return n ? n : 1;
}
