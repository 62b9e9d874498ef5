/* error: the registry of every error Schild can answer with. Declared once, used everywhere;
 * docs/API.md lists the same table. */
#include "core/error.h"

static const error_info registry[ERR__COUNT] = {
    [ERR_OK] = {200, "ok", "OK", 0},
    [ERR_BAD_REQUEST] = {400, "bad_request", "Bad request", 0},
    [ERR_MALFORMED_JSON] = {400, "malformed_json", "Malformed JSON", 0},
    [ERR_UNKNOWN_FIELD] = {400, "unknown_field", "Unknown field", 0},
    [ERR_UNAUTHENTICATED] = {401, "unauthenticated", "Not logged in", 0},
    [ERR_CSRF_FAILED] = {403, "csrf_failed", "Missing or invalid CSRF token", 0},
    [ERR_FORBIDDEN] = {403, "forbidden", "Not allowed for your role", 0},
    [ERR_NOT_FOUND] = {404, "not_found", "Not found", 0},
    [ERR_METHOD_NOT_ALLOWED] = {405, "method_not_allowed", "Method not allowed", 0},
    [ERR_VERSION_CONFLICT] = {409, "version_conflict", "The record was changed by someone else", 0},
    [ERR_INVALID_TRANSITION] = {409, "invalid_transition", "Not possible in the current status", 0},
    [ERR_INTRUSION_THRESHOLD] =
        {409, "intrusion_threshold",
         "The intrusion threshold is reached: a prosecutor's order is required", 0},
    [ERR_NO_VALID_ASSESSMENT] = {409, "no_valid_assessment",
                                 "No final, unexpired threat assessment to decide on", 0},
    [ERR_BELOW_PACKAGE] = {409, "below_package",
                           "The measures fall below the package of the resistance level", 0},
    [ERR_EXCLUSIVITY] = {409, "exclusivity",
                         "The person is in a national-domain case: only its authority decides "
                         "person-oriented measures",
                         0},
    [ERR_AUTHORITY_CONFLICT] = {409, "authority_conflict",
                                "The protected person works for the organisation that would be "
                                "the authority",
                                0},
    [ERR_BODY_TOO_LARGE] = {413, "body_too_large", "Request body too large", 0},
    [ERR_UNSUPPORTED_MEDIA_TYPE] = {415, "unsupported_media_type",
                                    "Content-Type must be application/json", 0},
    [ERR_VALIDATION_FAILED] = {422, "validation_failed", "Invalid input", 0},
    [ERR_TOO_MANY_REQUESTS] = {429, "too_many_requests", "Too many attempts", 0},
    [ERR_TOTP_REQUIRED] = {401, "totp_required", "A one-time code is required", 0},
    [ERR_TOTP_INVALID] = {401, "totp_invalid", "Wrong or already used one-time code", 0},
    [ERR_TOTP_NOT_ENROLLED] = {401, "totp_not_enrolled",
                               "Your role requires a second factor you do not have yet", 0},
    [ERR_TOKEN_INVALID] = {401, "token_invalid", "Unknown, expired or revoked API token", 0},
    [ERR_INTERNAL] = {500, "internal_error", "Internal error", 1},
    [ERR_UNAVAILABLE] = {503, "service_unavailable", "Service temporarily unavailable", 1},
};

const error_info *error_lookup(schild_err err)
{
    if ((int)err < 0 || err >= ERR__COUNT)
        return &registry[ERR_INTERNAL];
    return &registry[err];
}
