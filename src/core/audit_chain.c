/* audit_chain: canonical form = "schild-audit-v1" then each field as <decimal length>:<bytes>,
 * in a fixed order. Length prefixes make the encoding unambiguous whatever the fields contain. */
#include "core/audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static void absorb_field(crypto_generichash_state *st, const char *s)
{
    char len[24];
    size_t n = s ? strlen(s) : 0;
    int k = snprintf(len, sizeof len, "%zu:", n);
    crypto_generichash_update(st, (const unsigned char *)len, (unsigned long long)k);
    if (n)
        crypto_generichash_update(st, (const unsigned char *)s, n);
}

void audit_chain_hash(const unsigned char prev[AUDIT_HASH_BYTES], const audit_entry *e,
                      unsigned char out[AUDIT_HASH_BYTES])
{
    crypto_generichash_state st;
    static const char tag[] = "schild-audit-v1";
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", (long long)e->seq);
    crypto_generichash_init(&st, NULL, 0, AUDIT_HASH_BYTES);
    crypto_generichash_update(&st, prev, AUDIT_HASH_BYTES);
    crypto_generichash_update(&st, (const unsigned char *)tag, sizeof tag - 1);
    const char *fields[] = {seq,        e->at,      e->username,    e->org,
                            e->role,    e->action,  e->object_type, e->object_id,
                            e->purpose, e->outcome, e->detail};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        absorb_field(&st, fields[i]);
    crypto_generichash_final(&st, out, AUDIT_HASH_BYTES);
}

void audit_hex(const unsigned char bin[AUDIT_HASH_BYTES], char hex[AUDIT_HASH_HEX])
{
    sodium_bin2hex(hex, AUDIT_HASH_HEX, bin, AUDIT_HASH_BYTES);
}

bool audit_unhex(const char *hex, unsigned char bin[AUDIT_HASH_BYTES])
{
    size_t len = 0;
    if (!hex || strlen(hex) != AUDIT_HASH_BYTES * 2)
        return false;
    return sodium_hex2bin(bin, AUDIT_HASH_BYTES, hex, AUDIT_HASH_BYTES * 2, NULL, &len, NULL) ==
               0 &&
           len == AUDIT_HASH_BYTES;
}

void audit_verifier_init(audit_verifier *v)
{
    memset(v, 0, sizeof *v);
}

static bool refuse(audit_verifier *v, int64_t seq, const char *why)
{
    v->bad_seq = seq;
    snprintf(v->problem, sizeof v->problem, "%s", why);
    return false;
}

bool audit_verifier_step(audit_verifier *v, const audit_entry *e, const char *prev_hex,
                         const char *hash_hex)
{
    unsigned char stored_prev[AUDIT_HASH_BYTES], stored[AUDIT_HASH_BYTES],
        computed[AUDIT_HASH_BYTES];
    int64_t expected = v->count + 1;
    if (e->seq != expected)
        return refuse(v, e->seq,
                      e->seq > expected ? "an entry before it is missing (removed)"
                                        : "sequence number out of order (inserted)");
    if (!audit_unhex(prev_hex, stored_prev) || !audit_unhex(hash_hex, stored))
        return refuse(v, e->seq, "stored hash is not valid hex");
    if (sodium_memcmp(stored_prev, v->prev, AUDIT_HASH_BYTES) != 0)
        return refuse(v, e->seq, "does not chain to the entry before it (removed or inserted)");
    audit_chain_hash(v->prev, e, computed);
    if (sodium_memcmp(computed, stored, AUDIT_HASH_BYTES) != 0)
        return refuse(v, e->seq, "its contents do not match its hash (altered)");
    memcpy(v->prev, stored, AUDIT_HASH_BYTES);
    v->count++;
    return true;
}

bool audit_verifier_finish(audit_verifier *v, int64_t head_seq, const char *head_hex)
{
    if (v->bad_seq)
        return false;
    if (head_seq > v->count)
        return refuse(v, v->count + 1, "entries up to the recorded head are missing (truncated)");
    if (head_seq < v->count)
        return refuse(v, head_seq + 1, "entries after the recorded head (inserted)");
    unsigned char head[AUDIT_HASH_BYTES];
    if (head_seq > 0 &&
        (!audit_unhex(head_hex, head) || sodium_memcmp(head, v->prev, AUDIT_HASH_BYTES) != 0))
        return refuse(v, head_seq, "the newest entry is not the recorded head (altered)");
    return true;
}
