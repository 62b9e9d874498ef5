/* audit_chain: canonical form = "schild-audit-v1" then each field as <decimal length>:<bytes>,
 * in a fixed order. Length prefixes make the encoding unambiguous whatever the fields contain. */
#include "core/audit_chain.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { CANONICAL_BUFFER = 2048 };

/* Writes "<decimal length>:" into out (at least 21 bytes) and answers its length. */
static size_t length_prefix(size_t n, char *out)
{
    char digits[20];
    size_t k = 0;
    do {
        digits[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    for (size_t i = 0; i < k; i++)
        out[i] = digits[k - 1 - i];
    out[k] = ':';
    return k + 1;
}

/* The canonical bytes go through a stack buffer so that the hash sees few, large updates; the
 * verifier hashes millions of entries and this is its inner loop. */
typedef struct absorber {
    crypto_generichash_state st;
    unsigned char buf[CANONICAL_BUFFER];
    size_t used;
} absorber;

static void absorb(absorber *a, const void *data, size_t n)
{
    if (a->used + n > sizeof a->buf) {
        crypto_generichash_update(&a->st, a->buf, a->used);
        a->used = 0;
        if (n > sizeof a->buf) {
            crypto_generichash_update(&a->st, data, n);
            return;
        }
    }
    memcpy(a->buf + a->used, data, n);
    a->used += n;
}

static void absorb_field(absorber *a, const char *s)
{
    char prefix[24];
    size_t n = s ? strlen(s) : 0;
    absorb(a, prefix, length_prefix(n, prefix));
    if (n)
        absorb(a, s, n);
}

void audit_chain_hash(const unsigned char prev[AUDIT_HASH_BYTES], const audit_entry *e,
                      unsigned char out[AUDIT_HASH_BYTES])
{
    static const char tag[] = "schild-audit-v1";
    absorber a;
    a.used = 0;
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", (long long)e->seq);
    crypto_generichash_init(&a.st, NULL, 0, AUDIT_HASH_BYTES);
    absorb(&a, prev, AUDIT_HASH_BYTES);
    absorb(&a, tag, sizeof tag - 1);
    const char *fields[] = {seq,        e->at,      e->username,    e->org,
                            e->role,    e->action,  e->object_type, e->object_id,
                            e->purpose, e->outcome, e->detail};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        absorb_field(&a, fields[i]);
    crypto_generichash_update(&a.st, a.buf, a.used);
    crypto_generichash_final(&a.st, out, AUDIT_HASH_BYTES);
}

void audit_hex(const unsigned char bin[AUDIT_HASH_BYTES], char hex[AUDIT_HASH_HEX])
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < AUDIT_HASH_BYTES; i++) {
        hex[2 * i] = digits[bin[i] >> 4];
        hex[2 * i + 1] = digits[bin[i] & 15];
    }
    hex[2 * AUDIT_HASH_BYTES] = '\0';
}

static int nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Hashes are public, so a plain (not constant-time) decoder is fine here; lowercase only, as
 * audit_hex writes them. */
bool audit_unhex(const char *hex, unsigned char bin[AUDIT_HASH_BYTES])
{
    if (!hex)
        return false;
    for (size_t i = 0; i < AUDIT_HASH_BYTES; i++) {
        int hi = nibble(hex[2 * i]), lo = hi < 0 ? -1 : nibble(hex[2 * i + 1]);
        if (lo < 0)
            return false;
        bin[i] = (unsigned char)(hi << 4 | lo);
    }
    return hex[2 * AUDIT_HASH_BYTES] == '\0';
}

void audit_verifier_init(audit_verifier *v)
{
    memset(v, 0, sizeof *v);
    audit_hex(v->prev, v->prev_hex);
}

static bool refuse(audit_verifier *v, int64_t seq, const char *why)
{
    v->bad_seq = seq;
    snprintf(v->problem, sizeof v->problem, "%s", why);
    return false;
}

/* Hex strings are compared as stored (hashes are public: no constant-time need), so the loop
 * over millions of entries decodes nothing. */
static bool hex_equal(const char *a, const char *b)
{
    return a && b && memcmp(a, b, AUDIT_HASH_HEX) == 0;
}

bool audit_verifier_step(audit_verifier *v, const audit_entry *e, const char *prev_hex,
                         const char *hash_hex)
{
    int64_t expected = v->count + 1;
    if (e->seq != expected)
        return refuse(v, e->seq,
                      e->seq > expected ? "an entry before it is missing (removed)"
                                        : "sequence number out of order (inserted)");
    if (!prev_hex || strlen(prev_hex) != AUDIT_HASH_HEX - 1 || !hex_equal(prev_hex, v->prev_hex))
        return refuse(v, e->seq, "does not chain to the entry before it (removed or inserted)");
    unsigned char computed[AUDIT_HASH_BYTES];
    char computed_hex[AUDIT_HASH_HEX];
    audit_chain_hash(v->prev, e, computed);
    audit_hex(computed, computed_hex);
    if (!hash_hex || strlen(hash_hex) != AUDIT_HASH_HEX - 1 || !hex_equal(computed_hex, hash_hex))
        return refuse(v, e->seq, "its contents do not match its hash (altered)");
    memcpy(v->prev, computed, AUDIT_HASH_BYTES);
    memcpy(v->prev_hex, computed_hex, AUDIT_HASH_HEX);
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
    if (head_seq > 0 && !hex_equal(head_hex, v->prev_hex))
        return refuse(v, head_seq, "the newest entry is not the recorded head (altered)");
    return true;
}
