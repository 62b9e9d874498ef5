/* assets: files embedded into the binary at build time (the web UI and the OpenAPI document),
 * generated from web/manifest.txt by tools/embed_assets.c. Served from memory only, so no
 * request path ever reaches the file system. */
#ifndef SCHILD_ASSETS_H
#define SCHILD_ASSETS_H

#include <stddef.h>

typedef struct asset {
    const char *path;         /* URL path, e.g. "/app.js" */
    const char *content_type; /* e.g. "text/javascript; charset=utf-8" */
    const unsigned char *data;
    size_t len;
} asset;

extern const asset ASSETS[];
extern const size_t ASSET_COUNT;

/* The asset at an exact URL path, or NULL. */
const asset *assets_find(const char *path);

#endif
