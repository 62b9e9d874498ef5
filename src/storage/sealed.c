/* sealed: encryption at rest of the most sensitive fields, the one place both backends call
 * (docs/SECURITY.md, "Encryption at rest"). The backends seal in signal_insert and open in
 * signal_get / signal_list, so no path that stores or reads a signal (the API, `schild signal
 * import`, the demo loader, the benchmark generator) can write or show the text of a sealed
 * compartment in the clear. Copies (backup, restore, migrate-data) move the stored ciphertext
 * unchanged. */
#include "storage/storage.h"

#include "util/seal.h"

#include <string.h>

/* The associated data of a signal's text: a sealed text moved to another field does not open. */
static const char SIGNAL_TEXT_FIELD[] = "signals.text";

void storage_set_field_key(storage *s, const unsigned char key[32])
{
    memcpy(s->field_key, key, sizeof s->field_key);
    s->field_key_set = true;
}

bool storage_signal_sealed(compartment c)
{
    /* Informant and intelligence-service information: the sources most at risk when a copy of
     * the database leaks (the Police Data Act's article 10 categories). */
    return c == COMPARTMENT_INFORMANT || c == COMPARTMENT_INTELLIGENCE_SERVICE;
}

db_status storage_seal_signal_text(storage *s, arena *a, const signal_record *sig,
                                   const char **stored)
{
    if (!storage_signal_sealed(sig->compartment)) {
        *stored = sig->text;
        return DB_ONE;
    }
    /* Without the key nothing is written rather than the text in the clear. */
    if (!s->field_key_set || !sig->text)
        return DB_HARD_ERROR;
    return seal_text(s->field_key, SIGNAL_TEXT_FIELD, sig->text, a, stored) ? DB_ONE
                                                                            : DB_HARD_ERROR;
}

db_status storage_open_signal_text(storage *s, arena *a, signal_record *sig)
{
    if (!storage_signal_sealed(sig->compartment))
        return DB_ONE;
    /* A text of a sealed compartment that does not open (no key, another key, altered, or
     * stored in the clear by something that went around the backends) is never shown. */
    const char *plain = NULL;
    if (!s->field_key_set || !unseal_text(s->field_key, SIGNAL_TEXT_FIELD, sig->text, a, &plain))
        return DB_HARD_ERROR;
    sig->text = plain;
    return DB_ONE;
}

db_status storage_open_signal_texts(storage *s, arena *a, signal_record *sigs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (storage_open_signal_text(s, a, &sigs[i]) < 0)
            return DB_HARD_ERROR;
    return DB_ONE;
}
