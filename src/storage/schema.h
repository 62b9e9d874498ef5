/* schema: the tables and columns a backup or a move between backends carries, in an order that
 * satisfies every foreign key. Both backends have exactly these columns (their migrations say
 * so); sessions are left out on purpose: after a restore everybody logs in again. */
#ifndef SCHILD_SCHEMA_H
#define SCHILD_SCHEMA_H

#include <stddef.h>
#include <stdint.h>

typedef enum column_type { COL_INT, COL_BOOL, COL_TEXT } column_type;

typedef struct column_desc {
    const char *name;
    column_type type;
} column_desc;

typedef struct table_desc {
    const char *name;
    const char *order_by; /* the primary key, so copies are deterministic */
    const column_desc *columns;
    size_t column_count;
    int upsert; /* rows may exist already in a fresh target (the seeded organisations) */
} table_desc;

/* One value of a copied row. Text is not NUL-terminated necessarily: use len. */
typedef struct copy_value {
    enum { VALUE_NULL, VALUE_INT, VALUE_TEXT } kind;
    int64_t i;
    const char *s;
    size_t len;
} copy_value;

extern const table_desc SCHEMA_TABLES[];
extern const size_t SCHEMA_TABLE_COUNT;

#endif
