/*
 * The libical side of row 1: the same rules file, rounds and JSON as `recurrence-bench` and
 * dateutil_expand.py, and the same dump.
 *
 * Input: one rule a line, `<DTSTART>\t<RRULE>`, DTSTART either `YYYY-MM-DD` (all-day, a DATE for libical)
 * or `YYYY-MM-DDTHH:MM:SS` (a floating DATE-TIME, no zone, like dateutil's naive datetimes). The DTSTARTs
 * are read once; each round parses every RRULE with icalrecurrencetype_from_string and takes the first N
 * occurrences from an icalrecur_iterator, whose first one is DTSTART itself (generate.py makes every DTSTART
 * an instance of its rule, so all three engines count from the same first occurrence). Dates come out as
 * midnight, which is how the other two print all-day occurrences.
 *
 * Prints {"rules": R, "occurrences": O, "seconds": [...], "refused": F} on stdout, where `seconds` are the
 * rounds one by one and `refused` counts rules libical would not parse or iterate (they give no
 * occurrences). `--dump FILE` writes `<rule index> <occurrence>` lines once, before timing.
 *
 * Build: cc -O2 libical_expand.c $(pkg-config --cflags --libs libical)
 * Usage: libical-expand RULES [--occurrences N] [--rounds N] [--dump FILE]
 */

#define _POSIX_C_SOURCE 200809L

#include <libical/ical.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct input {
    struct icaltimetype start;
    char *rule;
};

struct inputs {
    struct input *items;
    size_t count;
};

static void fail(const char *format, ...)
{
    va_list arguments;
    va_start(arguments, format);
    fputs("libical-expand: ", stderr);
    vfprintf(stderr, format, arguments);
    fputc('\n', stderr);
    va_end(arguments);
    exit(2);
}

static long positive(const char *flag, const char *text)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || value <= 0 || value > 1000000000L) {
        fail("%s must be a positive number, not \"%s\"", flag, text);
    }
    return value;
}

/* `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` as libical's basic form, then as an icaltimetype. */
static int parse_start(const char *text, struct icaltimetype *start)
{
    char basic[16];
    size_t length = strlen(text);
    if (length == 10 && text[4] == '-' && text[7] == '-') {
        snprintf(basic, sizeof basic, "%.4s%.2s%.2s", text, text + 5, text + 8);
    } else if (length == 19 && text[4] == '-' && text[7] == '-' && text[10] == 'T' && text[13] == ':' &&
               text[16] == ':') {
        snprintf(basic, sizeof basic, "%.4s%.2s%.2sT%.2s%.2s%.2s", text, text + 5, text + 8, text + 11,
                 text + 14, text + 17);
    } else {
        return 0;
    }
    *start = icaltime_from_string(basic);
    return !icaltime_is_null_time(*start) && icaltime_is_valid_time(*start);
}

static struct inputs read_inputs(const char *path)
{
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        fail("cannot read %s: %s", path, strerror(errno));
    }
    struct inputs inputs = { NULL, 0 };
    size_t capacity = 0;
    char *line = NULL;
    size_t line_capacity = 0;
    ssize_t length;
    size_t number = 0;
    while ((length = getline(&line, &line_capacity, file)) != -1) {
        number += 1;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
            line[--length] = '\0';
        }
        if (length == 0) {
            continue;
        }
        char *tab = strchr(line, '\t');
        if (tab == NULL || strchr(tab + 1, '\t') != NULL) {
            fail("%s:%zu: expected <DTSTART>\\t<RRULE>", path, number);
        }
        *tab = '\0';
        struct icaltimetype start;
        if (!parse_start(line, &start)) {
            fail("%s:%zu: cannot read the DTSTART \"%s\"", path, number, line);
        }
        if (inputs.count == capacity) {
            capacity = capacity ? capacity * 2 : 256;
            struct input *grown = realloc(inputs.items, capacity * sizeof *grown);
            if (grown == NULL) {
                fail("out of memory");
            }
            inputs.items = grown;
        }
        char *rule = strdup(tab + 1);
        if (rule == NULL) {
            fail("out of memory");
        }
        inputs.items[inputs.count].start = start;
        inputs.items[inputs.count].rule = rule;
        inputs.count += 1;
    }
    if (ferror(file)) {
        fail("cannot read %s", path);
    }
    free(line);
    fclose(file);
    return inputs;
}

static void free_inputs(struct inputs *inputs)
{
    for (size_t index = 0; index < inputs->count; index++) {
        free(inputs->items[index].rule);
    }
    free(inputs->items);
    inputs->items = NULL;
    inputs->count = 0;
}

/*
 * Parses and expands every rule; returns how many occurrences came out. With `dump` set, writes them.
 * `refused` gets the number of rules libical would not parse or iterate.
 */
static size_t expand_all(const struct inputs *inputs, long limit, FILE *dump, size_t *refused)
{
    size_t count = 0;
    *refused = 0;
    for (size_t index = 0; index < inputs->count; index++) {
        const struct input *input = &inputs->items[index];
        icalerror_clear_errno();
        struct icalrecurrencetype rule = icalrecurrencetype_from_string(input->rule);
        icalrecur_iterator *iterator = NULL;
        if (rule.freq != ICAL_NO_RECURRENCE && icalerrno == ICAL_NO_ERROR) {
            iterator = icalrecur_iterator_new(rule, input->start);
        }
        if (iterator == NULL) {
            *refused += 1;
        } else {
            for (long taken = 0; taken < limit; taken++) {
                struct icaltimetype occurrence = icalrecur_iterator_next(iterator);
                if (icaltime_is_null_time(occurrence)) {
                    break;
                }
                if (dump != NULL) {
                    /* A DATE has no time of day: midnight, as the other two print all-day occurrences. */
                    int all_day = occurrence.is_date;
                    fprintf(dump, "%zu %04d-%02d-%02dT%02d:%02d:%02d\n", index, occurrence.year, occurrence.month,
                            occurrence.day, all_day ? 0 : occurrence.hour, all_day ? 0 : occurrence.minute,
                            all_day ? 0 : occurrence.second);
                }
                count += 1;
            }
            icalrecur_iterator_free(iterator);
        }
        /* Set only by RSCALE=, which these rules do not use; freed as the parser allocated it. */
        if (rule.rscale != NULL) {
            icalmemory_free_buffer(rule.rscale);
        }
    }
    return count;
}

static double seconds_between(const struct timespec *from, const struct timespec *to)
{
    return (double)(to->tv_sec - from->tv_sec) + (double)(to->tv_nsec - from->tv_nsec) * 1e-9;
}

int main(int argc, char **argv)
{
    const char *rules_path = NULL;
    const char *dump_path = NULL;
    long limit = 100;
    long rounds = 5;
    for (int index = 1; index < argc; index++) {
        const char *argument = argv[index];
        int takes_value = strcmp(argument, "--occurrences") == 0 || strcmp(argument, "--rounds") == 0 ||
                          strcmp(argument, "--dump") == 0;
        if (takes_value && index + 1 >= argc) {
            fail("%s needs a value", argument);
        }
        if (strcmp(argument, "--occurrences") == 0) {
            limit = positive(argument, argv[++index]);
        } else if (strcmp(argument, "--rounds") == 0) {
            rounds = positive(argument, argv[++index]);
        } else if (strcmp(argument, "--dump") == 0) {
            dump_path = argv[++index];
        } else if (rules_path == NULL && argument[0] != '-') {
            rules_path = argument;
        } else {
            fail("unexpected argument %s", argument);
        }
    }
    if (rules_path == NULL) {
        fail("usage: libical-expand RULES [--occurrences N] [--rounds N] [--dump FILE]");
    }

    /* A rule libical cannot read counts as refused instead of aborting the run. */
    icalerror_set_errors_are_fatal(0);
    struct inputs inputs = read_inputs(rules_path);
    size_t refused = 0;

    if (dump_path != NULL) {
        FILE *dump = fopen(dump_path, "w");
        if (dump == NULL) {
            fail("cannot write %s: %s", dump_path, strerror(errno));
        }
        expand_all(&inputs, limit, dump, &refused);
        if (fclose(dump) != 0) {
            fail("cannot write %s: %s", dump_path, strerror(errno));
        }
    }

    double *seconds = calloc((size_t)rounds, sizeof *seconds);
    if (seconds == NULL) {
        fail("out of memory");
    }
    size_t produced = 0;
    for (long round = 0; round < rounds; round++) {
        struct timespec began, ended;
        clock_gettime(CLOCK_MONOTONIC, &began);
        produced = expand_all(&inputs, limit, NULL, &refused);
        clock_gettime(CLOCK_MONOTONIC, &ended);
        seconds[round] = seconds_between(&began, &ended);
    }

    printf("{\"rules\": %zu, \"occurrences\": %zu, \"seconds\": [", inputs.count, produced);
    for (long round = 0; round < rounds; round++) {
        printf("%s%.6f", round ? ", " : "", seconds[round]);
    }
    printf("], \"refused\": %zu}\n", refused);

    free(seconds);
    free_inputs(&inputs);
    icalmemory_free_ring();
    return fflush(stdout) == 0 ? 0 : 1;
}
