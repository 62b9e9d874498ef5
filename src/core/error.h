/* error: the one error convention. Every function that can fail returns a schild_err; results go
 * through out-parameters. The registry (error.c) maps each code to its HTTP status, stable
 * machine code and title, so handlers never invent statuses. */
#ifndef SCHILD_ERROR_H
#define SCHILD_ERROR_H

typedef enum schild_err {
    ERR_OK = 0,
    ERR_BAD_REQUEST,
    ERR_MALFORMED_JSON,
    ERR_UNKNOWN_FIELD,
    ERR_UNAUTHENTICATED,
    ERR_CSRF_FAILED,
    ERR_FORBIDDEN,
    ERR_NOT_FOUND,
    ERR_METHOD_NOT_ALLOWED,
    ERR_VERSION_CONFLICT,
    ERR_INVALID_TRANSITION,
    ERR_INTRUSION_THRESHOLD,
    ERR_NO_VALID_ASSESSMENT,
    ERR_BELOW_PACKAGE,
    ERR_EXCLUSIVITY,
    ERR_AUTHORITY_CONFLICT,
    ERR_BODY_TOO_LARGE,
    ERR_UNSUPPORTED_MEDIA_TYPE,
    ERR_VALIDATION_FAILED,
    ERR_TOO_MANY_REQUESTS,
    ERR_TOTP_REQUIRED,     /* the second factor is needed and was not given */
    ERR_TOTP_INVALID,      /* a wrong or replayed code, or an unknown or used recovery code */
    ERR_TOTP_NOT_ENROLLED, /* the role requires a second factor the user does not have */
    ERR_TOKEN_INVALID,     /* an unknown, expired, revoked or malformed API token */
    ERR_INTERNAL,
    ERR_UNAVAILABLE,
    ERR__COUNT
} schild_err;

typedef struct error_info {
    int http_status;
    const char *code;  /* stable machine code, e.g. "version_conflict" */
    const char *title; /* short human title (English; the UI translates by code) */
    int ours;          /* 1: a server fault (logged as ours), 0: the client's fault */
} error_info;

const error_info *error_lookup(schild_err err);

#endif
