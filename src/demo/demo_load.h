/* demo_load: writes the demo world into a database through the storage interface, using the same
 * domain rules (triage effects, audit entries) as the API. */
#ifndef SCHILD_DEMO_LOAD_H
#define SCHILD_DEMO_LOAD_H

#include "storage/storage.h"

#include <stdio.h>

/* Loads users, persons and cases. Prints the demo accounts to out. 0 on success. */
int demo_load(storage *db, FILE *out);

#endif
