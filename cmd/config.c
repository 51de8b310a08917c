/* config.c - the settings file (covkit.conf): long options, one a line. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CONF_DEFAULT "covkit.conf"
#define CONF_MAX (1u << 20) /* a settings file is small */

/* The tools a [section] may name. */
static const char *const conf_tools[] = {"covmerge", "covconv", "covcheck",
                                         "covrun"};
/* Options that act at once or choose the file itself. */
static const char *const conf_refused[] = {"help", "version", "list-formats",
                                           "config", "no-config"};

typedef struct conf_state {
    const char *tool;
    const struct option *opts;
    cli_option_fn apply;
    void *ctx;
    bool ours;   /* the current section applies to this tool */
    bool global; /* before the first section: every tool's */
} conf_state;

static bool conf_in(const char *s, const char *const *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(s, v[i]))
            return true;
    return false;
}

static const struct option *conf_find(const struct option *opts,
                                      const char *name)
{
    for (; opts->name; opts++)
        if (!strcmp(opts->name, name))
            return opts;
    return NULL;
}

/* The value an option of OPTS named NAME gives getopt_long, or 0. */
static int conf_val(const struct option *opts, const char *name)
{
    const struct option *o = conf_find(opts, name);
    return o ? o->val : 0;
}

/* --config FILE and --no-config from ARGV (a first pass, silent: the
 * real one reports bad options); *PATH is NULL when no file is read. ARGV
 * is left as it was: getopt_long permutes the copy. */
static int conf_scan(const struct option *opts, const char *shorts,
                     int argc, char **argv, const char **path)
{
    int c, vc = conf_val(opts, "config"), vn = conf_val(opts, "no-config");
    int vh = conf_val(opts, "help"), vv = conf_val(opts, "version");
    int vl = conf_val(opts, "list-formats");
    char **av = malloc(((size_t)argc + 1) * sizeof *av);
    if (!av) {
        cli_oom();
        return EXIT_IO;
    }
    memcpy(av, argv, ((size_t)argc + 1) * sizeof *av);
    const char *given = NULL;
    bool none = false, done = false;
    opterr = 0;
    while ((c = getopt_long(argc, av, shorts, opts, NULL)) != -1) {
        if (c == vc)
            given = optarg;
        none |= c == vn;
        done |= c == vh || c == vv || (vl && c == vl);
    }
    free(av);
    optind = 0; /* glibc: start afresh */
    if (given && none)
        return cli_usage_error("%s", "--config and --no-config exclude "
                                     "each other");
    *path = done || none ? NULL
            : given      ? given
            : access(CONF_DEFAULT, F_OK) == 0 ? CONF_DEFAULT
                                              : NULL;
    return EXIT_OK;
}

/* The whole of PATH, NUL-terminated, into *TEXT. */
static int conf_slurp(const char *path, char **text)
{
    FILE *fp = fopen(path, "r");
    char *buf = fp ? malloc(CONF_MAX + 1) : NULL;
    size_t n = buf ? fread(buf, 1, CONF_MAX + 1, fp) : 0;
    int e = !fp ? errno : !buf ? ENOMEM : ferror(fp) ? errno : 0;
    if (fp)
        fclose(fp);
    if (!e && n > CONF_MAX)
        e = EFBIG;
    if (e) {
        free(buf);
        cli_error("cannot read settings file %s: %s", path, strerror(e));
        return EXIT_IO;
    }
    buf[n] = '\0';
    if (memchr(buf, '\0', n)) {
        cli_error("%s: byte %zu: a NUL byte: not a settings file", path,
                  (size_t)((char *)memchr(buf, '\0', n) - buf));
        free(buf);
        return EXIT_USAGE;
    }
    *text = buf;
    return EXIT_OK;
}

/* S without the blanks around it (in place). */
static char *conf_trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

/* "[covmerge covconv]": the tools (blanks or commas between) that the
 * keys up to the next section are for. */
static int conf_section(conf_state *st, char *s)
{
    size_t n = strlen(s);
    if (n < 2 || s[n - 1] != ']')
        return cli_usage_error("expected '[TOOL ...]', got \"%s\"", s);
    s[n - 1] = '\0';
    st->global = st->ours = false;
    bool any = false;
    for (char *p = s + 1; *p;) {
        size_t k = strcspn(p, " \t,");
        char end = p[k];
        p[k] = '\0';
        if (k && !conf_in(p, conf_tools, 4))
            return cli_usage_error("unknown tool '%s' in a section (expected "
                                   "covmerge, covconv, covcheck or covrun)",
                                   p);
        st->ours |= k && !strcmp(p, st->tool);
        any |= k > 0;
        p += k + (end != '\0');
    }
    return any ? EXIT_OK
               : cli_usage_error("%s", "a section names no tool");
}

static bool conf_key_ok(const char *k)
{
    if (!*k || *k == '-')
        return false;
    return strspn(k, "abcdefghijklmnopqrstuvwxyz0123456789-") == strlen(k);
}

/* KEY (= VAL; NULL without '=') for this tool. */
static int conf_option(const conf_state *st, const char *key, char *val)
{
    const struct option *opt = conf_find(st->opts, key);
    if (conf_in(key, conf_refused, 5))
        return cli_usage_error("'%s' cannot be set in a settings file (it "
                               "acts at once or chooses the file)", key);
    if (!opt)
        return cli_usage_error(
            "unknown key '%s': %s has no option --%s%s", key, st->tool, key,
            st->global ? " (keys before the first [section] are for every "
                         "tool: put it under [TOOL ...])"
                       : "");
    if (opt->has_arg == required_argument && (!val || !*val))
        return cli_usage_error("'%s' needs a value (%s = VALUE)", key, key);
    if (opt->has_arg == no_argument && val && *val &&
        strcmp(val, "true") && strcmp(val, "yes"))
        return cli_usage_error("bad value '%s' for '%s' (a flag: nothing, "
                               "true or yes; leave the line out to keep it "
                               "off)", val, key);
    return st->apply(st->ctx, opt->val,
                     opt->has_arg == no_argument ? NULL : val);
}

/* One line (trimmed, not blank, no comment). */
static int conf_line(conf_state *st, char *s)
{
    if (*s == '[')
        return conf_section(st, s);
    char *eq = strchr(s, '=');
    char *val = eq ? conf_trim(eq + 1) : NULL;
    if (eq)
        *eq = '\0';
    char *key = conf_trim(s);
    if (!conf_key_ok(key)) {
        if (eq)
            *eq = '=';
        return cli_usage_error("expected 'key = value' (a long option "
                               "without its --), got \"%s\"", s);
    }
    return st->ours ? conf_option(st, key, val) : EXIT_OK;
}

static int conf_parse(conf_state *st, const char *path, char *text)
{
    unsigned long line = 0;
    int rc = EXIT_OK;
    for (char *s = text; s && rc == EXIT_OK;) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        char *t = conf_trim(s);
        cli_where(path, ++line);
        if (*t && *t != '#')
            rc = conf_line(st, t);
        s = nl ? nl + 1 : NULL;
    }
    cli_where(NULL, 0);
    return rc;
}

int cli_config_load(const char *tool, const struct option *opts,
                    const char *shorts, int argc, char **argv,
                    cli_option_fn apply, void *ctx, char **text)
{
    const char *path = NULL;
    *text = NULL;
    int rc = conf_scan(opts, shorts, argc, argv, &path);
    if (rc != EXIT_OK || !path)
        return rc;
    if ((rc = conf_slurp(path, text)) != EXIT_OK)
        return rc;
    conf_state st = {tool, opts, apply, ctx, true, true};
    return conf_parse(&st, path, *text);
}
