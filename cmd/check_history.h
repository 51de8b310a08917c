/* check_history.h - covcheck --history: the coverage history file. */
#ifndef COVKIT_CHECK_HISTORY_H
#define COVKIT_CHECK_HISTORY_H

#include "check.h"

/* Append the entry of this run (R's totals and suites, COMMIT
 * or NULL for the CI's or git's) to the history file PATH, created when
 * missing; an existing file that is not a history covkit wrote (or whose
 * last line lacks its newline) is left untouched. Returns an exit code
 * (the error printed). */
int check_history_append(const char *path, const char *commit,
                         const check_result *r);

#endif
