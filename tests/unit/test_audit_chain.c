/* The audit hash chain: an intact trail verifies; an altered, removed or inserted entry is
 * found and named. */
#include "check.h"
#include "core/audit_chain.h"

#include <sodium.h>

enum { N = 5 };

typedef struct stored {
    audit_entry e;
    char prev[AUDIT_HASH_HEX], hash[AUDIT_HASH_HEX];
    char id[8];
} stored;

static void build(stored s[N])
{
    unsigned char prev[AUDIT_HASH_BYTES] = {0}, hash[AUDIT_HASH_BYTES];
    for (int i = 0; i < N; i++) {
        snprintf(s[i].id, sizeof s[i].id, "%d", i + 10);
        s[i].e = (audit_entry){i + 1,     "2026-11-28T10:00:00.000Z",
                               "triage1", "nctv",
                               "triage",  "case.read",
                               "case",    s[i].id,
                               "",        "ok",
                               ""};
        audit_chain_hash(prev, &s[i].e, hash);
        audit_hex(prev, s[i].prev);
        audit_hex(hash, s[i].hash);
        memcpy(prev, hash, sizeof prev);
    }
}

/* The seq of the first bad entry, 0 when the trail verifies. */
static int64_t verify(stored *s, int n)
{
    audit_verifier v;
    audit_verifier_init(&v);
    for (int i = 0; i < n; i++)
        if (!audit_verifier_step(&v, &s[i].e, s[i].prev, s[i].hash))
            return v.bad_seq;
    return 0;
}

static void an_intact_trail_verifies(void)
{
    stored s[N];
    build(s);
    CHECK(verify(s, N) == 0);
}

static void an_altered_entry_is_named(void)
{
    stored s[N];
    build(s);
    s[2].e.object_id = "99";
    CHECK(verify(s, N) == 3);
}

static void a_removed_entry_is_found(void)
{
    stored s[N];
    build(s);
    memmove(&s[1], &s[2], sizeof(stored) * (N - 2));
    CHECK(verify(s, N - 1) == 3);
}

static void a_removed_and_renumbered_entry_is_found(void)
{
    stored s[N];
    build(s);
    memmove(&s[1], &s[2], sizeof(stored) * (N - 2));
    for (int i = 1; i < N - 1; i++)
        s[i].e.seq = i + 1;
    CHECK(verify(s, N - 1) == 2);
}

static void an_inserted_entry_is_found(void)
{
    stored s[N + 1];
    build(s);
    memmove(&s[3], &s[2], sizeof(stored) * (N - 2));
    s[2].e.action = "case.delete"; /* a forged entry with a self-consistent hash */
    unsigned char prev[AUDIT_HASH_BYTES], hash[AUDIT_HASH_BYTES];
    audit_unhex(s[1].hash, prev);
    audit_chain_hash(prev, &s[2].e, hash);
    audit_hex(hash, s[2].hash);
    CHECK(verify(s, N + 1) != 0);
}

static void field_boundaries_are_unambiguous(void)
{
    unsigned char z[AUDIT_HASH_BYTES] = {0}, a[AUDIT_HASH_BYTES], b[AUDIT_HASH_BYTES];
    audit_entry x = {1, "t", "ab", "c", "", "", "", "", "", "", ""};
    audit_entry y = {1, "t", "a", "bc", "", "", "", "", "", "", ""};
    audit_chain_hash(z, &x, a);
    audit_chain_hash(z, &y, b);
    CHECK(memcmp(a, b, sizeof a) != 0);
}

int main(void)
{
    if (sodium_init() < 0)
        return 1;
    RUN(an_intact_trail_verifies);
    RUN(an_altered_entry_is_named);
    RUN(a_removed_entry_is_found);
    RUN(a_removed_and_renumbered_entry_is_found);
    RUN(an_inserted_entry_is_found);
    RUN(field_boundaries_are_unambiguous);
    return check_summary();
}
