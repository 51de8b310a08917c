/* html_trend.c - the index's trend chart of a coverage history (inline SVG). */
#include "html.h"

#include <string.h>

/*
 * The last HTML_TREND_MAX entries of the history, oldest left, evenly
 * spaced by entry order; y from 0 % (bottom) to 100 % (top). One line per
 * metric: lines always, branches and functions when some entry counts
 * any. Every point has a <title> (commit, date, percentage) as tooltip.
 * Colours are the stylesheet's variables, through currentColor, so the
 * chart follows prefers-color-scheme like the rest of the report.
 * Coordinates are in tenths of a unit, printed with integers (no locale).
 */

#define HTML_TREND_MAX 100
/* The plot area in the 600 x 184 view box. */
#define TR_X0 44
#define TR_X1 588
#define TR_Y0 12  /* 100 % */
#define TR_Y1 152 /* 0 % */

typedef struct trend_series {
    const char *name;  /* in tooltips and the legend */
    const char *cls;   /* its colour (covkit.css) */
    size_t off;        /* of its prof_count in prof_totals */
} trend_series;

static const trend_series trend_all[] = {
    {"lines", "tl", offsetof(prof_totals, lines)},
    {"branches", "tb", offsetof(prof_totals, branches)},
    {"functions", "tf", offsetof(prof_totals, functions)},
};

static prof_count trend_count(const prof_history_entry *e,
                              const trend_series *m)
{
    return *(const prof_count *)((const char *)&e->totals + m->off);
}

static void trend_tenths(prof_sink *s, uint64_t v)
{
    prof_sink_printf(s, "%llu.%llu", (unsigned long long)(v / 10),
                     (unsigned long long)(v % 10));
}

/* X (tenths) of the I-th of N points. */
static uint64_t trend_x(size_t i, size_t n)
{
    if (n < 2)
        return (TR_X0 + TR_X1) * 5;
    return TR_X0 * 10 + (uint64_t)i * (TR_X1 - TR_X0) * 10 / (n - 1);
}

/* Y (tenths) of C's percentage. */
static uint64_t trend_y(prof_count c)
{
    uint64_t t = prof_percent_tenths(c.hit, c.found); /* 0..1000 */
    return TR_Y1 * 10 - t * (TR_Y1 - TR_Y0) / 100;
}

/* "2024-05-01" of an entry's time. */
static void trend_date(prof_sink *s, const prof_history_entry *e)
{
    prof_sink_write(s, e->time, 10);
}

static void trend_point(prof_sink *s, const prof_history_entry *e,
                        const trend_series *m, uint64_t x)
{
    prof_count c = trend_count(e, m);
    char pc[PROF_PERCENT_SIZE];
    prof_sink_puts(s, "<circle cx=\"");
    trend_tenths(s, x);
    prof_sink_puts(s, "\" cy=\"");
    trend_tenths(s, trend_y(c));
    prof_sink_puts(s, "\" r=\"3\"><title>");
    if (e->commit)
        html_esc(s, e->commit, strlen(e->commit), true);
    else
        prof_sink_puts(s, "(no commit)");
    prof_sink_puts(s, " \xc2\xb7 ");
    html_esc(s, e->time, strlen(e->time), true);
    prof_sink_printf(s, " \xc2\xb7 %s %s%% (", m->name,
                     prof_percent(pc, c.hit, c.found));
    prof_sink_u64(s, c.hit);
    prof_sink_putc(s, '/');
    prof_sink_u64(s, c.found);
    prof_sink_puts(s, ")</title></circle>\n");
}

/* Metric M's line and points over the N entries from E (those with
 * nothing to count left out); false when no entry has any. */
static bool trend_series_draw(prof_sink *s, const prof_history_entry *e,
                              size_t n, const trend_series *m)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += trend_count(&e[i], m).found > 0;
    if (!k)
        return false;
    prof_sink_printf(s, "<g class=\"%s\" data-series=\"%s\">\n<polyline "
                        "fill=\"none\" stroke=\"currentColor\" "
                        "stroke-width=\"2\" points=\"", m->cls, m->name);
    for (size_t i = 0, first = 1; i < n; i++) {
        if (!trend_count(&e[i], m).found)
            continue;
        if (!first)
            prof_sink_putc(s, ' ');
        first = 0;
        trend_tenths(s, trend_x(i, n));
        prof_sink_putc(s, ',');
        trend_tenths(s, trend_y(trend_count(&e[i], m)));
    }
    prof_sink_puts(s, "\"/>\n<g fill=\"currentColor\">\n");
    for (size_t i = 0; i < n; i++)
        if (trend_count(&e[i], m).found)
            trend_point(s, &e[i], m, trend_x(i, n));
    prof_sink_puts(s, "</g>\n</g>\n");
    return true;
}

/* The frame: gridlines at 0, 50 and 100 %, the first and last dates. */
static void trend_axes(prof_sink *s, const prof_history_entry *e, size_t n)
{
    static const int pct[] = {0, 50, 100};
    for (int i = 0; i < 3; i++) {
        int y = TR_Y1 - pct[i] * (TR_Y1 - TR_Y0) / 100;
        prof_sink_printf(s, "<line class=\"ax\" x1=\"%d\" x2=\"%d\" "
                            "y1=\"%d\" y2=\"%d\"/><text x=\"%d\" y=\"%d\" "
                            "text-anchor=\"end\">%d%%</text>\n",
                         TR_X0, TR_X1, y, y, TR_X0 - 6, y + 4, pct[i]);
    }
    prof_sink_printf(s, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">",
                     n > 1 ? TR_X0 : (TR_X0 + TR_X1) / 2, TR_Y1 + 18,
                     n > 1 ? "start" : "middle");
    trend_date(s, &e[0]);
    prof_sink_puts(s, "</text>\n");
    if (n > 1) {
        prof_sink_printf(s, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">",
                         TR_X1, TR_Y1 + 18);
        trend_date(s, &e[n - 1]);
        prof_sink_puts(s, "</text>\n");
    }
}

void html_trend(prof_sink *s, const prof_history *h)
{
    size_t all = prof_history_count(h);
    if (!all)
        return;
    size_t from = all > HTML_TREND_MAX ? all - HTML_TREND_MAX : 0;
    size_t n = all - from;
    const prof_history_entry *e = prof_history_entry_at(h, from);
    prof_sink_printf(s, "<figure class=\"trend\">\n<svg id=\"trend\" "
                        "viewBox=\"0 0 600 184\" role=\"img\" "
                        "aria-labelledby=\"trend-t\">\n<title id=\"trend-t\">"
                        "Coverage over the last %zu run%s</title>\n", n,
                     n == 1 ? "" : "s");
    trend_axes(s, e, n);
    const char *drawn[3];
    size_t nd = 0;
    for (size_t i = 0; i < 3; i++)
        if (trend_series_draw(s, e, n, &trend_all[i]))
            drawn[nd++] = trend_all[i].cls;
    prof_sink_puts(s, "</svg>\n<figcaption class=\"legend\">");
    for (size_t i = 0; i < nd; i++)
        for (size_t j = 0; j < 3; j++)
            if (drawn[i] == trend_all[j].cls)
                prof_sink_printf(s, "<span class=\"%s\">\xe2\x97\x8f %s"
                                    "</span> ", trend_all[j].cls,
                                 trend_all[j].name);
    prof_sink_printf(s, "<span class=\"ct\">%zu run%s%s</span>"
                        "</figcaption>\n</figure>\n", n, n == 1 ? "" : "s",
                     from ? " (the last of the history)" : "");
}
