/* html.h - what the HTML report's files share (private). */
#ifndef HTML_H
#define HTML_H

#include "../libprof/format.h"

/* Totals of a file, a directory or the report. */
typedef struct html_stats {
    uint64_t lines_hit, lines, stmts_hit, stmts;
    uint64_t funcs_hit, funcs, br_hit, br;
} html_stats;

/* Metric columns the index shows (only those some file has data for). */
#define HTML_COL_STMTS 1u
#define HTML_COL_FUNCS 2u
#define HTML_COL_BRANCHES 4u

typedef struct html_ctx {
    const prof_profile *p;
    const prof_write_opts *o;
    const char *dir;    /* the (temporary) report directory */
    const char **pages; /* per file: page name inside f/ */
    html_stats *stats;  /* per file, filled by html_page_write */
    unsigned cols;      /* HTML_COL_* */
    size_t missing;     /* sources not found so far */
    char stamp[40];     /* "generated ..." from SOURCE_DATE_EPOCH, or "" */
    prof_history *history; /* --history, or NULL */
    prof_arena arena;
} html_ctx;

/* S[0..LEN) escaped for HTML text (TEXT true: bad bytes in a span) or a
 * double-quoted attribute: &<>"' become entities; control bytes and bytes
 * that are not UTF-8 become a visible \xNN. */
void html_esc(prof_sink *s, const char *str, size_t len, bool text);
/* Page start: doctype, head with TITLE, the assets under ROOT ("" or
 * "../"), and <body class=BODYCLASS>. */
void html_head(prof_sink *s, const char *title, const char *root,
               const char *bodyclass);
/* Page end: the footer (with c->stamp) and closing tags. */
void html_tail(prof_sink *s, const html_ctx *c);
/* A percentage cell's content: bar, "73.2%" (prof_percent) and
 * "hit/total" (or "-"). */
void html_pct(prof_sink *s, uint64_t hit, uint64_t total);
/* The summary cards of T: lines, and the metrics in COLS (HTML_COL_*). */
void html_cards(prof_sink *s, const html_stats *t, unsigned cols);

/* html_trend.c: the index's trend chart of the entries of H (nothing
 * when it has none). */
void html_trend(prof_sink *s, const prof_history *h);

/* html_page.c: write file I's page f/<pages[I]>; fills c->stats[I]. */
int html_page_write(html_ctx *c, size_t i, prof_error *err);

/* html_assets.c: the stylesheet and script every page links, one line per
 * string, NULL-terminated. */
extern const char *const html_css[];
extern const char *const html_js[];

#endif
