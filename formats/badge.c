/* badge.c - SVG coverage badge (a flat badge as shields.io draws them). */
#include "xmlutil.h"

#include <string.h>

/*
 * Two boxes, 20 px high: the label on grey (#555), the percentage on the
 * colour of its value (covkit-formats(5)): >= 90 brightgreen, >= 80 green,
 * >= 70 yellowgreen, >= 60 yellow, >= 50 orange, else red; "n/a" on
 * lightgrey when the data has none of the metric. The colour is chosen by
 * the number shown (prof_percent: 89.96 shows as "90.0%", brightgreen).
 * No scripts, fonts or references outside the file: the text widths come
 * from the table below, and each text carries textLength, so a viewer
 * with another font scales it into its box instead of clipping it.
 */

/* Advance widths in tenths of a pixel of the printable ASCII characters
 * (32 to 126) in an 11 px sans-serif face: DejaVu Sans's, measured with a
 * canvas's measureText and rounded up (Verdana's are within a pixel of
 * them for digits, '.' and lower case). */
static const unsigned char badge_widths[95] = {
    35, 45, 51, 93, 70, 105, 86, 31, 43, 43, 55, 93,
    35, 40, 35, 38, 70, 70, 70, 70, 70, 70, 70, 70,
    70, 70, 38, 38, 93, 93, 93, 59, 110, 76, 76, 77,
    85, 70, 64, 86, 83, 33, 33, 73, 62, 95, 83, 87,
    67, 87, 77, 70, 68, 81, 76, 109, 76, 68, 76, 43,
    38, 43, 93, 55, 55, 68, 70, 61, 70, 68, 39, 70,
    70, 31, 31, 64, 31, 108, 70, 68, 70, 70, 46, 58,
    44, 70, 66, 90, 66, 66, 58, 70, 38, 70, 93,
};
/* Any other character (UTF-8: its first byte), as wide as the widest. */
#define BADGE_WIDE 110
#define BADGE_PAD 10 /* px around a text, both sides together */

/* S's width in whole pixels (rounded up). */
static unsigned badge_text_width(const char *s)
{
    unsigned tenths = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p >= 32 && *p < 127)
            tenths += badge_widths[*p - 32];
        else if (*p < 0x80 || *p >= 0xc0) /* not a continuation byte */
            tenths += BADGE_WIDE;
    }
    return (tenths + 9) / 10;
}

/* The colour of a value of TENTHS (prof_percent_tenths) of a percent. */
static const char *badge_colour(uint64_t tenths)
{
    static const struct {
        uint64_t from;
        const char *rgb;
    } steps[] = {{900, "#4c1"},    {800, "#97ca00"}, {700, "#a4a61d"},
                 {600, "#dfb317"}, {500, "#fe7d37"}, {0, "#e05d44"}};
    size_t i = 0;
    while (tenths < steps[i].from)
        i++;
    return steps[i].rgb;
}

/* The count the badge shows for O's metric of P (auto: statements when
 * every input was Go, else lines). */
static prof_count badge_count(const prof_profile *p, const prof_totals *t,
                              prof_badge_metric m)
{
    if (m == PROF_BADGE_AUTO)
        m = prof_profile_families(p) == PROF_FAMILY_GO
                ? PROF_BADGE_STATEMENTS
                : PROF_BADGE_LINES;
    switch (m) {
    case PROF_BADGE_STATEMENTS: return t->stmts;
    case PROF_BADGE_BRANCHES: return t->branches;
    case PROF_BADGE_FUNCTIONS: return t->functions;
    default: return t->lines;
    }
}

/* Text TEXT centred at X tenths of a pixel, W pixels wide, with its
 * shadow. */
static void badge_text(xml_out *x, unsigned center, unsigned w,
                       const char *text)
{
    char xs[32], ls[16];
    snprintf(xs, sizeof xs, "%u.%u", center / 10, center % 10);
    snprintf(ls, sizeof ls, "%u", w);
    for (int shadow = 1; shadow >= 0; shadow--) {
        xml_start(x, "text");
        xml_attr(x, "x", xs);
        xml_attr(x, "y", shadow ? "15" : "14");
        if (shadow) {
            xml_attr(x, "fill", "#010101");
            xml_attr(x, "fill-opacity", ".3");
        }
        xml_attr(x, "textLength", ls);
        xml_attr(x, "lengthAdjust", "spacingAndGlyphs");
        xml_text(x, text);
        xml_end(x);
    }
}

static void badge_rect(xml_out *x, unsigned at, unsigned w, const char *fill)
{
    xml_start(x, "rect");
    if (at)
        xml_attr_u64(x, "x", at);
    xml_attr_u64(x, "width", w);
    xml_attr(x, "height", "20");
    xml_attr(x, "fill", fill);
    xml_end(x);
}

/* The shapes: rounded corners, the two boxes, a light gradient. */
static void badge_shapes(xml_out *x, unsigned lw, unsigned vw,
                         const char *colour)
{
    xml_start(x, "linearGradient");
    xml_attr(x, "id", "s");
    xml_attr(x, "x2", "0");
    xml_attr(x, "y2", "100%");
    xml_start(x, "stop");
    xml_attr(x, "offset", "0");
    xml_attr(x, "stop-color", "#bbb");
    xml_attr(x, "stop-opacity", ".1");
    xml_end(x);
    xml_start(x, "stop");
    xml_attr(x, "offset", "1");
    xml_attr(x, "stop-opacity", ".1");
    xml_end(x);
    xml_end(x);
    xml_start(x, "clipPath");
    xml_attr(x, "id", "r");
    xml_start(x, "rect");
    xml_attr_u64(x, "width", lw + vw);
    xml_attr(x, "height", "20");
    xml_attr(x, "rx", "3");
    xml_attr(x, "fill", "#fff");
    xml_end(x);
    xml_end(x);
    xml_start(x, "g");
    xml_attr(x, "clip-path", "url(#r)");
    badge_rect(x, 0, lw, "#555");
    badge_rect(x, lw, vw, colour);
    badge_rect(x, 0, lw + vw, "url(#s)");
    xml_end(x);
}

static void badge_svg(xml_out *x, const char *label, const char *value,
                      const char *colour)
{
    unsigned lt = badge_text_width(label), vt = badge_text_width(value);
    unsigned lw = lt + BADGE_PAD, vw = vt + BADGE_PAD;
    char title[600];
    snprintf(title, sizeof title, "%s: %s", label, value);
    xml_start(x, "svg");
    xml_attr(x, "xmlns", "http://www.w3.org/2000/svg");
    xml_attr_u64(x, "width", lw + vw);
    xml_attr(x, "height", "20");
    xml_attr(x, "role", "img");
    xml_attr(x, "aria-label", title);
    xml_start(x, "title");
    xml_text(x, title);
    xml_end(x);
    badge_shapes(x, lw, vw, colour);
    xml_start(x, "g");
    xml_attr(x, "fill", "#fff");
    xml_attr(x, "text-anchor", "middle");
    xml_attr(x, "font-family", "Verdana,Geneva,DejaVu Sans,sans-serif");
    xml_attr(x, "font-size", "11");
    badge_text(x, lw * 5, lt, label);
    badge_text(x, lw * 10 + vw * 5, vt, value);
    xml_end(x);
    xml_end(x);
}

static int badge_write(const prof_profile *p, prof_sink *out,
                       const prof_write_opts *o, prof_error *err)
{
    prof_totals t = {{0, 0}, {0, 0}, {0, 0}, {0, 0}};
    if (prof_profile_totals(p, &t) < 0)
        return prof_error_set(err, PROF_ENOMEM, "", 0, "out of memory");
    prof_count c = badge_count(p, &t, o ? o->badge_metric : PROF_BADGE_AUTO);
    char pct[PROF_PERCENT_SIZE + 1] = "n/a";
    const char *colour = "#9f9f9f";
    if (c.found) {
        strcat(prof_percent(pct, c.hit, c.found), "%");
        colour = badge_colour(prof_percent_tenths(c.hit, c.found));
    }
    prof_arena a;
    prof_arena_init(&a);
    const char *label = xml_clean(&a, o && o->badge_label ? o->badge_label
                                                          : "coverage");
    xml_out x;
    xml_out_open(&x, out);
    if (label)
        badge_svg(&x, label, pct, colour);
    int rc = label ? xml_out_close(&x) : PROF_ENOMEM;
    prof_arena_free(&a);
    if (rc < 0)
        return prof_error_set(err, PROF_ENOMEM, "", 0, "out of memory");
    return 0;
}

const prof_format prof_format_badge = {
    .name = "badge",
    .description = "SVG coverage badge (--badge-metric, --badge-label)",
    .write = badge_write,
    .view = PROF_FORMAT_GO_FUNCS,
};
