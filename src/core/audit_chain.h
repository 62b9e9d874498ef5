/* audit_chain: the canonical form of an audit entry and the BLAKE2b hash chain over it. Pure
 * computation shared by the writers (every backend) and the verifier; docs/AUDIT.md specifies the
 * same bytes so that an inspector can write an independent verifier. */
#ifndef SCHILD_AUDIT_CHAIN_H
#define SCHILD_AUDIT_CHAIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { AUDIT_HASH_BYTES = 32, AUDIT_HASH_HEX = 65 };

typedef struct audit_entry {
    int64_t seq;             /* 1, 2, 3, ... without gaps */
    const char *at;          /* UTC RFC 3339 with milliseconds */
    const char *username;    /* "" for anonymous */
    const char *org;         /* "" for anonymous */
    const char *role;        /* "" for anonymous */
    const char *action;      /* e.g. "case.read", "case.triage", "session.login" */
    const char *object_type; /* e.g. "case", "person", "user" ("" when none) */
    const char *object_id;   /* e.g. "42" ("" when none) */
    const char *purpose;     /* why, when given ("" otherwise) */
    const char *outcome;     /* "ok", "denied", "failed" */
    const char *detail;      /* extra non-personal facts, e.g. "ids=1,2,3" ("" when none) */
} audit_entry;

/* hash = BLAKE2b-256(prev_hash || canonical(entry)). */
void audit_chain_hash(const unsigned char prev[AUDIT_HASH_BYTES], const audit_entry *e,
                      unsigned char out[AUDIT_HASH_BYTES]);

/* Walks a trail entry by entry and names the first entry that breaks it. */
typedef struct audit_verifier {
    int64_t count;                        /* entries accepted so far */
    int64_t bad_seq;                      /* the first bad entry's seq (0 while intact) */
    char problem[160];                    /* why it is bad */
    unsigned char prev[AUDIT_HASH_BYTES]; /* hash of the last accepted entry */
    char prev_hex[AUDIT_HASH_HEX];        /* the same, as stored */
} audit_verifier;

void audit_verifier_init(audit_verifier *v);
/* Checks the next stored entry: its seq follows, its prev_hash is the previous hash, and its
 * hash is the hash of its contents. false (and v->problem set) at the first break. */
bool audit_verifier_step(audit_verifier *v, const audit_entry *e, const char *prev_hex,
                         const char *hash_hex);

/* After the last entry: the trail must end at the recorded head (seq 0: none recorded). */
bool audit_verifier_finish(audit_verifier *v, int64_t head_seq, const char *head_hex);

void audit_hex(const unsigned char bin[AUDIT_HASH_BYTES], char hex[AUDIT_HASH_HEX]);
bool audit_unhex(const char *hex, unsigned char bin[AUDIT_HASH_BYTES]);

#endif
