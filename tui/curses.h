/* The one place rblscope includes curses: the wide-character ncurses
 * (ncursesw), so UTF-8 glyphs and organisation names draw as characters.
 * Every #if about curses lives here and nowhere else. */
#ifndef RBLSCOPE_TUI_CURSES_H
#define RBLSCOPE_TUI_CURSES_H

/* Ask for the wide-character declarations whatever the build flags say. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#if defined(HAVE_NCURSESW_CURSES_H)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

/* A curses without set_escdelay: Esc then waits the library's default. */
#if !defined(NCURSES_VERSION)
static inline int set_escdelay(int ms)
{
	(void)ms;
	return 0;
}
#endif

/* A curses without mouse support still builds; clicks never arrive. */
#if !defined(KEY_MOUSE)
typedef struct {
	short id;
	int x, y, z;
	unsigned long bstate;
} MEVENT;
#define KEY_MOUSE (-2)
#define BUTTON1_PRESSED 0UL
#define BUTTON1_CLICKED 0UL
static inline unsigned long mousemask(unsigned long m, unsigned long *old)
{
	(void)m;
	if (old)
		*old = 0;
	return 0;
}
static inline int getmouse(MEVENT *ev)
{
	(void)ev;
	return ERR;
}
#endif

#endif
