/* decision_letter: GET /api/v1/decisions/{id}/letter.pdf, the decision as a plain-Dutch letter
 * to the protected person (or about the object or service): what was decided, why, until when,
 * who their contact person is and how to object (docs/DECISIONS.md). Generated with libharu on
 * A4 in Helvetica (WinAnsiEncoding, so text is converted to Windows-1252 first), uncompressed so
 * that its text can be found in the bytes. Whoever sees the case may fetch it; audited as a
 * read. */
#include "api/api.h"
#include "api/letter_text.h"

#include "core/access.h"
#include "core/decision.h"

#include <hpdf.h>
#include <stdio.h>
#include <string.h>

/* Everything the letter says, loaded in one read transaction. */
typedef struct letter_facts {
    decision_record d;
    case_record c;
    const char *authority_name; /* the organisation that decided */
    const char *contact_name;   /* "" when no contact person was named */
    const char *contact_org_name;
    object_record object; /* an object case's own object (id 0 when none) */
    service_record service;
    bool has_service;
} letter_facts;

typedef struct load_ctx {
    request *r;
    letter_facts *f;
} load_ctx;

static const char *org_name(storage *s, arena *a, const char *code, db_status *st)
{
    org_row org;
    *st = s->ops->org_get(s, a, code ? code : "", &org);
    return *st == DB_ONE ? org.name : code ? code : "";
}

static db_status load_contact(storage *s, arena *a, letter_facts *f)
{
    f->contact_name = "";
    f->contact_org_name = "";
    if (!f->d.contact_user_id)
        return DB_ONE;
    user_row u;
    db_status st = s->ops->user_by_id(s, a, f->d.contact_user_id, &u);
    if (st <= 0)
        return st < 0 ? st : DB_ONE;
    f->contact_name = u.display_name;
    f->contact_org_name = org_name(s, a, u.org, &st);
    return st < 0 ? st : DB_ONE;
}

static db_status load_subject(storage *s, arena *a, letter_facts *f)
{
    if (f->c.subject == CASE_SUBJECT_SERVICE) {
        db_status st = s->ops->service_by_case(s, a, f->c.id, &f->service);
        f->has_service = st == DB_ONE;
        return st < 0 ? st : DB_ONE;
    }
    if (f->c.subject != CASE_SUBJECT_OBJECT)
        return DB_ONE;
    object_record *objects;
    size_t n;
    db_status st = s->ops->object_list_case(s, a, f->c.id, &objects, &n);
    for (size_t i = 0; st >= 0 && i < n; i++)
        if (!objects[i].person_id)
            f->object = objects[i];
    return st < 0 ? st : DB_ONE;
}

static db_status load_body(storage *s, void *arg)
{
    load_ctx *k = arg;
    arena *a = &k->r->arena;
    letter_facts *f = k->f;
    memset(f, 0, sizeof *f);
    db_status st = s->ops->decision_get(s, a, k->r->id, &f->d);
    if (st <= 0)
        return st;
    if ((st = s->ops->case_get(s, a, f->d.case_id, &f->c)) <= 0)
        return st < 0 ? st : DB_HARD_ERROR;
    f->authority_name = org_name(s, a, f->d.authority_org, &st);
    if (st < 0 || (st = load_contact(s, a, f)) < 0 || (st = load_subject(s, a, f)) < 0)
        return st;
    return DB_ONE;
}

/* ---- dates in words ---- */

/* "2026-12-01" (or a timestamp starting so) -> "1 december 2026"; other text as it is. */
static const char *dutch_date(arena *a, const char *iso)
{
    static const char *const months[] = {"januari",   "februari", "maart",    "april",
                                         "mei",       "juni",     "juli",     "augustus",
                                         "september", "oktober",  "november", "december"};
    int y, m, d;
    if (!iso || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12)
        return iso ? iso : "";
    return arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

/* ---- the page writer ---- */

enum { PAGE_MARGIN = 72, LINE_BUF = 512, LINES_FIRST_TRY = 64 };
static const float BODY_SIZE = 10.5f, BODY_LEADING = 14.5f, HEAD_SIZE = 12.0f;

typedef struct letter_pdf {
    HPDF_Doc pdf;
    HPDF_Page page;
    HPDF_Font regular, bold;
    float y, width;
    arena *a;
    HPDF_STATUS error; /* the first libharu error; HPDF_OK when none */
} letter_pdf;

static void on_pdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
    (void)detail_no;
    letter_pdf *p = user_data;
    if (p->error == HPDF_OK)
        p->error = error_no;
}

static void new_page(letter_pdf *p)
{
    p->page = HPDF_AddPage(p->pdf);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    p->width = HPDF_Page_GetWidth(p->page) - 2 * PAGE_MARGIN;
    p->y = HPDF_Page_GetHeight(p->page) - PAGE_MARGIN;
}

typedef struct measure_ctx {
    HPDF_Font font;
    float size;
} measure_ctx;

static double font_width(void *ctx, const char *text, size_t len)
{
    const measure_ctx *m = ctx;
    HPDF_TextWidth tw = HPDF_Font_TextWidth(m->font, (const HPDF_BYTE *)text, (HPDF_UINT)len);
    return (double)tw.width * m->size / 1000.0;
}

/* One line of Windows-1252 text at the current height, then down by the leading; a new page
 * when the bottom margin is reached. */
static void put_line(letter_pdf *p, HPDF_Font font, float size, float indent, const char *text,
                     size_t len)
{
    if (p->y < PAGE_MARGIN)
        new_page(p);
    char line[LINE_BUF];
    len = len < sizeof line - 1 ? len : sizeof line - 1;
    memcpy(line, text, len);
    line[len] = '\0';
    HPDF_Page_BeginText(p->page);
    HPDF_Page_SetFontAndSize(p->page, font, size);
    HPDF_Page_TextOut(p->page, PAGE_MARGIN + indent, p->y, line);
    HPDF_Page_EndText(p->page);
    p->y -= size == BODY_SIZE ? BODY_LEADING : size * 1.4f;
}

/* A paragraph of UTF-8 text, wrapped to the page width (less the indent). */
static void paragraph_in(letter_pdf *p, HPDF_Font font, float size, float indent, const char *utf8)
{
    size_t cap = strlen(utf8) + 1;
    char *text = arena_alloc(p->a, cap);
    letter_line first[LINES_FIRST_TRY], *lines = first;
    if (!text)
        return;
    letter_to_cp1252(utf8, text, cap);
    measure_ctx m = {font, size};
    double width = p->width - indent;
    size_t n = letter_wrap(text, width, font_width, &m, lines, LINES_FIRST_TRY);
    if (n > LINES_FIRST_TRY && (lines = arena_alloc(p->a, n * sizeof *lines)) != NULL)
        letter_wrap(text, width, font_width, &m, lines, n);
    else if (n > LINES_FIRST_TRY)
        lines = first, n = LINES_FIRST_TRY;
    for (size_t i = 0; i < n; i++)
        put_line(p, font, size, indent, text + lines[i].start, lines[i].len);
}

static void paragraph(letter_pdf *p, const char *utf8)
{
    paragraph_in(p, p->regular, BODY_SIZE, 0, utf8);
    p->y -= BODY_LEADING / 2;
}

static void heading(letter_pdf *p, const char *utf8)
{
    p->y -= BODY_LEADING / 2;
    if (p->y < PAGE_MARGIN + 3 * BODY_LEADING) /* not alone at the foot of a page */
        new_page(p);
    paragraph_in(p, p->bold, HEAD_SIZE, 0, utf8);
}

/* ---- the letter ---- */

static const char *person_name(arena *a, const person_record *pr)
{
    return arena_printf(a, "%s %s%s%s", pr->given_names,
                        pr->surname_prefix ? pr->surname_prefix : "",
                        pr->surname_prefix && pr->surname_prefix[0] ? " " : "", pr->surname);
}

static void letter_head(letter_pdf *p, const letter_facts *f)
{
    paragraph_in(p, p->bold, 11, 0, "Schild — stelsel bewaken en beveiligen");
    HPDF_Page_SetLineWidth(p->page, 0.5f);
    HPDF_Page_MoveTo(p->page, PAGE_MARGIN, p->y + 10);
    HPDF_Page_LineTo(p->page, PAGE_MARGIN + p->width, p->y + 10);
    HPDF_Page_Stroke(p->page);
    p->y -= BODY_LEADING / 2;
    paragraph_in(p, p->bold, BODY_SIZE, 0, f->authority_name);
    p->y -= BODY_LEADING;
    paragraph_in(p, p->regular, BODY_SIZE, 0,
                 arena_printf(p->a, "Datum: %s", dutch_date(p->a, f->d.decided_at)));
    paragraph_in(
        p, p->regular, BODY_SIZE, 0,
        arena_printf(p->a, "Kenmerk: %s/besluit-%lld", f->c.reference, (long long)f->d.id));
    p->y -= BODY_LEADING / 2;
}

/* Who the letter is addressed to, and the salutation. */
static void letter_addressee(letter_pdf *p, const letter_facts *f)
{
    const char *about = NULL;
    if (f->c.subject == CASE_SUBJECT_OBJECT && f->object.id)
        about = arena_printf(p->a, "Betreft: de beveiliging van %s, %s", f->object.name,
                             f->object.address);
    else if (f->c.subject == CASE_SUBJECT_SERVICE && f->has_service)
        about =
            arena_printf(p->a, "Betreft: de beveiliging van %s, %s (%s tot en met %s)",
                         f->service.name, f->service.venue, dutch_date(p->a, f->service.starts_at),
                         dutch_date(p->a, f->service.ends_at));
    for (size_t i = 0; i < f->c.person_count; i++)
        paragraph_in(p, p->regular, BODY_SIZE, 0,
                     arena_printf(p->a, "Aan: %s", person_name(p->a, &f->c.persons[i])));
    if (about)
        paragraph_in(p, p->regular, BODY_SIZE, 0, about);
    else
        paragraph_in(p, p->regular, BODY_SIZE, 0, "Betreft: besluit over uw beveiliging");
    p->y -= BODY_LEADING;
    paragraph(p, f->c.person_count == 1
                     ? arena_printf(p->a, "Beste %s,", person_name(p->a, &f->c.persons[0]))
                     : "Geachte heer, mevrouw,");
    paragraph(p, arena_printf(p->a,
                              "%s heeft op %s besloten hoe u wordt beschermd. In deze brief "
                              "leest u wat is besloten, waarom, tot wanneer, wie uw "
                              "contactpersoon is en wat u kunt doen als u het er niet mee eens "
                              "bent.",
                              f->authority_name, dutch_date(p->a, f->d.decided_at)));
    if (f->d.basis == BASIS_URGENT && f->d.confirm_by && f->d.confirm_by[0])
        paragraph(p, arena_printf(p->a,
                                  "Dit is een voorlopig besluit, met spoed genomen. Uiterlijk op "
                                  "%s bevestigen wij het met een nieuw besluit.",
                                  dutch_date(p->a, f->d.confirm_by)));
}

static const char *measure_line(arena *a, const measure_record *m)
{
    const measure_info *info = measure_info_of(m->type);
    const char *label = info ? info->label_nl : measure_type_name(m->type);
    const char *until = m->end && m->end[0]
                            ? arena_printf(a, "tot en met %s", dutch_date(a, m->end))
                            : "tot een nieuw besluit";
    const char *by =
        m->executor_org_name && m->executor_org_name[0] ? m->executor_org_name : m->executor_org;
    return arena_printf(a, "• %s: vanaf %s %s. Uitgevoerd door %s.", label, dutch_date(a, m->start),
                        until, by ? by : "");
}

static void letter_sections(letter_pdf *p, const letter_facts *f)
{
    heading(p, "Wat is besloten");
    if (f->d.measure_count == 0)
        paragraph(p, "Er worden geen beveiligingsmaatregelen genomen.");
    else
        paragraph(p, "De volgende maatregelen worden genomen:");
    for (size_t i = 0; i < f->d.measure_count; i++)
        paragraph_in(p, p->regular, BODY_SIZE, 12, measure_line(p->a, &f->d.measures[i]));
    p->y -= BODY_LEADING / 2;

    heading(p, "Waarom");
    paragraph(p, f->d.proportionality ? f->d.proportionality : "");
    if (f->d.legal_basis && f->d.legal_basis[0])
        paragraph(p, arena_printf(p->a, "Dit besluit berust op: %s", f->d.legal_basis));

    heading(p, "Tot wanneer");
    paragraph(p, arena_printf(p->a,
                              "De maatregelen gelden tot de data hierboven of tot een nieuw "
                              "besluit. Uiterlijk op %s bekijken wij opnieuw of ze nog nodig en "
                              "passend zijn. Verandert de dreiging eerder, dan passen wij het "
                              "besluit eerder aan.",
                              dutch_date(p->a, f->d.review_date)));

    heading(p, "Uw contactpersoon");
    paragraph(p, f->contact_name[0]
                     ? arena_printf(p->a,
                                    "Uw contactpersoon is %s (%s). Met vragen over uw "
                                    "beveiliging kunt u bij uw contactpersoon terecht.",
                                    f->contact_name, f->contact_org_name)
                     : arena_printf(p->a,
                                    "%s wijst u zo snel mogelijk een contactpersoon aan en laat "
                                    "u weten wie dat is.",
                                    f->authority_name));

    heading(p, "Bezwaar");
    paragraph(p, arena_printf(p->a,
                              "Bent u het niet eens met dit besluit? Dan kunt u binnen zes weken "
                              "na de datum van deze brief schriftelijk bezwaar maken bij %s. "
                              "Vermeld in uw brief uw naam en adres, de datum, het kenmerk van "
                              "deze brief en waarom u het niet eens bent met het besluit, en "
                              "onderteken de brief.",
                              f->authority_name));
    paragraph(p, "Is het dringend? Dan kunt u ook de voorzieningenrechter van de rechtbank "
                 "(de civiele rechter) vragen in kort geding een voorlopige beslissing te nemen.");
}

static void letter_signature(letter_pdf *p, const letter_facts *f)
{
    p->y -= BODY_LEADING;
    paragraph_in(p, p->regular, BODY_SIZE, 0, "Met vriendelijke groet,");
    p->y -= 2 * BODY_LEADING;
    paragraph_in(p, p->bold, BODY_SIZE, 0, f->authority_name);
}

/* Renders the letter; answers its bytes in a (NULL on a libharu failure). */
static unsigned char *letter_render(arena *a, const letter_facts *f, size_t *len)
{
    letter_pdf p = {.a = a, .error = HPDF_OK};
    p.pdf = HPDF_New(on_pdf_error, &p);
    if (!p.pdf)
        return NULL;
    HPDF_SetCompressionMode(p.pdf, HPDF_COMP_NONE); /* text stays findable in the bytes */
    HPDF_SetInfoAttr(p.pdf, HPDF_INFO_TITLE, "Besluit over beveiliging");
    HPDF_SetInfoAttr(p.pdf, HPDF_INFO_CREATOR, "Schild");
    p.regular = HPDF_GetFont(p.pdf, "Helvetica", "WinAnsiEncoding");
    p.bold = HPDF_GetFont(p.pdf, "Helvetica-Bold", "WinAnsiEncoding");
    unsigned char *out = NULL;
    if (p.regular && p.bold) {
        new_page(&p);
        letter_head(&p, f);
        letter_addressee(&p, f);
        letter_sections(&p, f);
        letter_signature(&p, f);
    }
    if (p.error == HPDF_OK && HPDF_SaveToStream(p.pdf) == HPDF_OK) {
        HPDF_UINT32 size = HPDF_GetStreamSize(p.pdf);
        out = arena_alloc(a, size ? size : 1);
        HPDF_STATUS st = out ? HPDF_ReadFromStream(p.pdf, out, &size) : HPDF_FAILD_TO_ALLOC_MEM;
        *len = size;
        if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || p.error != HPDF_OK)
            out = NULL;
    }
    HPDF_Free(p.pdf);
    return out;
}

void api_decision_letter(request *r)
{
    letter_facts f;
    load_ctx k = {r, &f};
    db_status st = storage_transact(r->app->db, TX_READ, load_body, &k);
    if (st < 0) {
        reply_storage_failure(r, st);
        return;
    }
    if (st == DB_NONE || !access_case_visible(&r->viewer, &f.c)) {
        api_deny_not_found(r, "decision.letter", "decision", r->id,
                           st == DB_NONE ? "not_found" : "denied");
        return;
    }
    size_t len = 0;
    unsigned char *pdf = letter_render(&r->arena, &f, &len);
    if (!pdf) {
        reply_problem(r, ERR_INTERNAL, "The letter could not be generated.");
        return;
    }
    audit_entry e = api_audit_entry(r, "decision.letter", "decision", f.d.id, "ok");
    e.detail = arena_printf(&r->arena, "case=%lld", (long long)f.c.id);
    reply_bytes(r, 200, "application/pdf", pdf, len);
    reply_header(
        r, "Content-Disposition",
        arena_printf(&r->arena, "attachment; filename=\"besluit-%lld.pdf\"", (long long)f.d.id));
    api_audit_before_reply(r, &e);
}
