/* check_annotate.c - covcheck's annotations: GitHub Actions commands and a
 * GitLab Code Quality report of the uncovered lines a diff adds. */
#include "check.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* What an annotation says about one run of consecutive uncovered added
 * lines FIRST..LAST of F, into BUF. */
static const char *ann_message(char *buf, size_t n, const prof_patch_file *f,
                               uint32_t first, uint32_t last)
{
    const char *why = f->status == PROF_PATCH_MATCHED
                          ? "not covered by tests"
                          : "not covered: the file is not in the coverage "
                            "profile";
    if (first == last)
        snprintf(buf, n, "Added line %u is %s", first, why);
    else
        snprintf(buf, n, "Added lines %u-%u are %s", first, last, why);
    return buf;
}

/* What an annotation says about F, a changed file that no profile file
 * (or several) matched, into BUF. */
static void ann_missing(char *buf, size_t n, const prof_patch_file *f)
{
    snprintf(buf, n, "%zu added line%s not counted: %s", f->added,
             f->added == 1 ? "" : "s",
             f->status == PROF_PATCH_MISSING
                 ? "no file of the coverage profile matches this path"
                 : "several files of the coverage profile match this path");
}

/* The index of the last line of the run of consecutive lines of V[0..N)
 * that starts at V[I]. */
static size_t ann_run_end(const uint32_t *v, size_t n, size_t i)
{
    while (i + 1 < n && v[i + 1] == v[i] + 1)
        i++;
    return i;
}

/* ---- GitHub Actions workflow commands ---- */

/* S as workflow-command data, escaped as GitHub's actions/toolkit does:
 * % CR LF; in a property value (PROP) also : and , . */
static void gh_escape(FILE *fp, const char *s, bool prop)
{
    for (; *s; s++) {
        if (*s == '%')
            fputs("%25", fp);
        else if (*s == '\r')
            fputs("%0D", fp);
        else if (*s == '\n')
            fputs("%0A", fp);
        else if (prop && *s == ':')
            fputs("%3A", fp);
        else if (prop && *s == ',')
            fputs("%2C", fp);
        else
            fputc(*s, fp);
    }
}

/* "::CMD file=F,line=L,endLine=E,title=T::MSG": FILE may be NULL, LINE 0
 * for a whole file, END only when past LINE. */
static void gh_command(FILE *fp, const char *cmd, const char *file,
                       uint32_t line, uint32_t end, const char *title,
                       const char *msg)
{
    fprintf(fp, "::%s ", cmd);
    if (file) {
        fputs("file=", fp);
        gh_escape(fp, file, true);
        if (line)
            fprintf(fp, ",line=%u", line);
        if (end > line)
            fprintf(fp, ",endLine=%u", end);
        fputc(',', fp);
    }
    fputs("title=", fp);
    gh_escape(fp, title, true);
    fputs("::", fp);
    gh_escape(fp, msg, false);
    fputc('\n', fp);
}

/* One warning per run of F's uncovered added lines; a notice for a
 * changed file that no profile file (or several) matched. */
static void gh_file(FILE *fp, const prof_patch_file *f)
{
    char msg[160];
    for (size_t i = 0; i < f->nuncovered; i++) {
        size_t j = ann_run_end(f->uncovered, f->nuncovered, i);
        ann_message(msg, sizeof msg, f, f->uncovered[i], f->uncovered[j]);
        gh_command(fp, "warning", f->path, f->uncovered[i], f->uncovered[j],
                   "Uncovered change", msg);
        i = j;
    }
    if (f->status == PROF_PATCH_MATCHED || f->nuncovered)
        return;
    ann_missing(msg, sizeof msg, f);
    gh_command(fp, "notice", f->path, 0, 0, "Not in coverage profile", msg);
}

/* "lines 81.2%, statements 80.0%, patch 66.7% (4 of 6 changed lines)". */
static void gh_summary_text(FILE *fp, const check_result *r)
{
    char a[PROF_PERCENT_SIZE];
    if (r->totals.lines.found)
        fprintf(fp, "lines %s%%", check_pct_str(a, r->totals.lines));
    else
        fputs("lines: no data", fp);
    for (int m = GATE_BRANCH; m <= GATE_STMT; m++)
        if (check_kind(&r->totals, m).found)
            fprintf(fp, ", %s %s%%", check_kind_name(m),
                    check_pct_str(a, check_kind(&r->totals, m)));
    if (!r->patch)
        return;
    prof_count p = prof_patch_total(r->patch);
    if (!p.found)
        fputs(", patch: no coverable changed lines", fp);
    else
        fprintf(fp, ", patch %s%% (%llu of %llu changed lines)",
                check_pct_str(a, p), (unsigned long long)p.hit,
                (unsigned long long)p.found);
}

/* TEXT(FP, R[, ID]) rendered into memory, then as command CMD. */
static int gh_rendered(FILE *fp, const char *cmd, const char *title,
                       const check_result *r, int id)
{
    char *s = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&s, &len);
    if (!m)
        return -1;
    if (id < 0)
        gh_summary_text(m, r);
    else
        check_fail_text(m, r, (check_gate_id)id);
    if (fclose(m) != 0) {
        free(s);
        return -1;
    }
    gh_command(fp, cmd, NULL, 0, 0, title, s);
    free(s);
    return 0;
}

int check_report_github(FILE *fp, const check_result *r)
{
    for (size_t i = 0; r->patch && i < prof_patch_nfiles(r->patch); i++)
        gh_file(fp, prof_patch_file_at(r->patch, i));
    for (int g = 0; g < GATE_COUNT; g++)
        if (r->gates[g].set && r->gates[g].failed &&
            gh_rendered(fp, "error", "covcheck", r, g) < 0)
            return -1;
    if (gh_rendered(fp, "notice", "Coverage", r, -1) < 0)
        return -1;
    return ferror(fp) ? -1 : 0;
}

/* ---- GitLab Code Quality report ---- */

#define GL_CHECK_UNCOVERED "covkit-uncovered"
#define GL_CHECK_MISSING "covkit-not-in-profile"

/* S as a JSON string; bytes that are not UTF-8 become '?' (jansson takes
 * UTF-8 only). */
static json_t *gl_string(const char *s)
{
    json_t *j = json_string(s);
    if (j)
        return j;
    char *t = strdup(s);
    if (!t)
        return NULL;
    for (char *p = t; *p; p++)
        if ((unsigned char)*p >= 0x80)
            *p = '?';
    j = json_string(t);
    free(t);
    return j;
}

/* MD5 hex of CHECK, NUL, PATH, NUL, "BEGIN-END" into OUT: stable between
 * runs, unique per check, file and range. */
static int gl_fingerprint(char out[33], const char *check, const char *path,
                          uint32_t begin, uint32_t end)
{
    size_t nc = strlen(check) + 1, np = strlen(path) + 1;
    char *buf = malloc(nc + np + 24);
    if (!buf)
        return -1;
    memcpy(buf, check, nc);
    memcpy(buf + nc, path, np);
    int k = snprintf(buf + nc + np, 24, "%u-%u", begin, end);
    unsigned char md[16];
    prof_md5(buf, nc + np + (size_t)k, md);
    free(buf);
    for (int i = 0; i < 16; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
    return 0;
}

static json_t *gl_issue(const char *check, const char *severity,
                        const char *desc, const char *path, uint32_t begin,
                        uint32_t end)
{
    char fpr[33];
    if (gl_fingerprint(fpr, check, path, begin, end) < 0)
        return NULL;
    return json_pack("{s:s,s:s,s:s,s:s,s:{s:o,s:{s:I,s:I}}}", "description",
                     desc, "check_name", check, "fingerprint", fpr,
                     "severity", severity, "location", "path",
                     gl_string(path), "lines", "begin", (json_int_t)begin,
                     "end", (json_int_t)end);
}

/* F's issues into A: one per run of uncovered added lines, or one for a
 * file not in the profile. */
static int gl_file(json_t *a, const prof_patch_file *f)
{
    char msg[256];
    for (size_t i = 0; i < f->nuncovered; i++) {
        size_t j = ann_run_end(f->uncovered, f->nuncovered, i);
        ann_message(msg, sizeof msg, f, f->uncovered[i], f->uncovered[j]);
        if (json_array_append_new(a, gl_issue(GL_CHECK_UNCOVERED, "minor",
                                              msg, f->path, f->uncovered[i],
                                              f->uncovered[j])) < 0)
            return -1;
        i = j;
    }
    if (f->status == PROF_PATCH_MATCHED || f->nuncovered)
        return 0;
    ann_missing(msg, sizeof msg, f);
    return json_array_append_new(a, gl_issue(GL_CHECK_MISSING, "info", msg,
                                              f->path, 1, 1));
}

int check_report_gitlab(FILE *fp, const check_result *r)
{
    json_t *a = json_array();
    if (!a)
        return -1;
    for (size_t i = 0; r->patch && i < prof_patch_nfiles(r->patch); i++)
        if (gl_file(a, prof_patch_file_at(r->patch, i)) < 0) {
            json_decref(a);
            return -1;
        }
    int rc = json_dumpf(a, fp, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    json_decref(a);
    fputc('\n', fp);
    return rc < 0 || ferror(fp) ? -1 : 0;
}
