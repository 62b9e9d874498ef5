/* demo_world: the fictitious, deterministic demo world (people, users, cases) as plain data.
 * Pure: no I/O, no clock, no randomness beyond a fixed-seed generator, so that every
 * `schild demo` produces byte-identical data and screenshots and tests stay stable.
 * The loader (demo_load.c) turns this data into real records through the storage interface. */
#ifndef SCHILD_DEMO_WORLD_H
#define SCHILD_DEMO_WORLD_H

#include <stdbool.h>
#include <stddef.h>

/* A demo account. All demo accounts share one password, printed by `schild demo`. */
typedef struct demo_user {
    const char *username;     /* e.g. "triage.jansen" */
    const char *display_name; /* e.g. "Sanne Jansen" */
    const char *role;         /* API role id: referrer, triage, analyst, ... */
    const char *org;          /* organisation code: nctv, om-amsterdam, politie-rotterdam, ... */
} demo_user;

/* A fictitious threatened person. A person may appear in several cases over time. */
typedef struct demo_person {
    const char *given_names;
    const char *surname_prefix; /* "" when none, e.g. "van der" */
    const char *surname;
    const char *date_of_birth; /* YYYY-MM-DD */
    const char *function;      /* e.g. "rechter", "advocaat", "journalist" */
} demo_person;

enum { DEMO_MAX_CASE_PERSONS = 4 };

/* One demo case and the path it has taken so far. */
typedef struct demo_case {
    const char *summary;        /* Dutch, realistic, fictitious */
    const char *phenomenon;     /* organised_crime, state_threat, terrorism_extremism,
                                   lone_actor, activism, other */
    const char *source_details; /* Dutch free text, may be "" */
    bool urgent;
    const char *referrer; /* username of a demo_user with role referrer */
    int days_ago;         /* referral date = demo epoch minus this many days (0..400) */
    size_t person_count;  /* 1..DEMO_MAX_CASE_PERSONS */
    size_t persons[DEMO_MAX_CASE_PERSONS]; /* indices into the person table */
    /* Triage so far. outcome NULL: still waiting in the queue. "more_information": triage asked
     * the referrer a question (reasoning) and the case waits for the answer; when answer is not
     * NULL the referrer has answered and the case is back in the queue. */
    const char *triage_outcome; /* NULL, national, local, no_measures, more_information */
    const char *district;       /* for local: amsterdam, den-haag, ... */
    const char *triage_reasoning;
    const char *answer;      /* referrer's answer to more_information, or NULL */
    const char *triage_user; /* username of a demo_user with role triage, when triaged */
} demo_case;

/* The tables. Each returns the number of entries and points *out at a static array. */
size_t demo_world_users(const demo_user **out);
size_t demo_world_persons(const demo_person **out);
size_t demo_world_cases(const demo_case **out);

/* The shared password of every demo account. */
const char *demo_world_password(void);

#endif
