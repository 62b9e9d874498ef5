/* Fuzz target: request bodies. Decoding (depth, NUL, UTF-8, duplicates, numbers) and the field
 * validation of the write routes (cases, triage, signals, assessments, objects, services,
 * break-glass) must
 * never crash, leak or read out of bounds. */
#include "api/api.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_t *body = NULL;
    const char *detail = NULL;
    if (json_parse_object((const char *)data, size, &body, &detail) != ERR_OK)
        return 0;
    validation v;
    validation_init(&v);
    cases_create_validate(body, 20000, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    cases_triage_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    signal_validate(body, 20000, &v);
    if (validation_result(&v) == ERR_OK) {
        arena a;
        arena_init(&a, 4096);
        signal_record sig;
        signal_from_json(body, &a, &sig);
        arena_clear(&a);
    }
    validation_clear(&v);
    validation_init(&v);
    assessment_validate(body, true, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    decisions_validate(body, 20000, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    measures_patch_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    cases_transfer_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    cases_end_validate(body, 20000, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    limitative_validate(body, 20000, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    objects_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    services_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    break_glass_open_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    validation_init(&v);
    break_glass_review_validate(body, &v);
    (void)validation_result(&v);
    validation_clear(&v);
    json_decref(body);
    return 0;
}
