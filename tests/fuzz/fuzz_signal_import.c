/* Fuzz target: `schild signal import` files. The input is split into JSON Lines as the command
 * splits them, and every line goes through the line parser (JSON decoding, case_id, the signal
 * validation and conversion). Nothing may crash, leak or read out of bounds; a line the parser
 * accepts must convert to a signal that satisfies what storage relies on. */
#include "cli/signal_import.h"

#include "fuzz_input.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void check_accepted(int64_t case_id, const signal_record *sig)
{
    if (case_id <= 0 || sig->case_id != case_id || !sig->text || !*sig->text || !sig->received_at ||
        strlen(sig->received_at) != 10 || !sig->source_org ||
        sig->compartment <= COMPARTMENT_NONE || sig->compartment >= COMPARTMENT__COUNT ||
        sig->source_grade == SOURCE_NONE || sig->info_grade == INFO_NONE ||
        sig->handling == HANDLING_NONE || sig->subject_count > 20)
        abort();
    for (size_t i = 0; i < sig->subject_count; i++)
        if (sig->subjects[i].kind == SUBJECT_NONE || sig->subjects[i].id <= 0)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 16 << 20);
    jsonl_reader r;
    jsonl_init(&r, (const char *)data, size);
    const char *line;
    size_t len;
    jsonl_kind kind;
    int64_t last_line = 0;
    while ((kind = jsonl_next(&r, &line, &len)) != JSONL_END) {
        if (r.line_no != last_line + 1 || r.pos > size)
            abort();
        last_line = r.line_no;
        if (kind != JSONL_LINE)
            continue;
        if (len > SIGNAL_IMPORT_MAX_LINE || line < (const char *)data ||
            line + len > (const char *)data + size)
            abort();
        validation v;
        validation_init(&v);
        int64_t case_id;
        signal_record sig;
        signal_import_parse(line, len, 20600, &a, &case_id, &sig, &v);
        if (validation_result(&v) == ERR_OK)
            check_accepted(case_id, &sig);
        validation_clear(&v);
    }
    arena_clear(&a);
    return 0;
}
