/* demo_world: the fictitious demo world of `schild demo` as static tables: users, persons and
 * cases with their triage so far. Every name is invented; the organisations and districts are
 * real. Plain data, no I/O, no clock, no randomness: every run yields byte-identical records. */
#include "demo_world.h"

#include <stddef.h>

/* One shared password, printed by `schild demo`; demo accounts exist only in demo databases. */
static const char demo_password[] = "schild-demo-2026";

/* Every role has at least one account. Referrers sit at police units, prosecutors' offices, the
 * KMar and the AIVD (no municipalities: those organisations are not seeded). */
static const demo_user demo_users[] = {
    {"ref.bakker", "Martijn Bakker", "referrer", "politie-amsterdam"},
    {"ref.visser", "Ilse Visser", "referrer", "politie-rotterdam"},
    {"ref.smit", "Koen Smit", "referrer", "politie-den-haag"},
    {"ref.kok", "Femke Kok", "referrer", "politie-midden-nederland"},
    {"ref.vermeulen", "Ruud Vermeulen", "referrer", "politie-oost-brabant"},
    {"ref.vandam", "Esther van Dam", "referrer", "politie-le"},
    {"ref.mulder", "Fleur Mulder", "referrer", "om-amsterdam"},
    {"ref.elidrissi", "Youssef El Idrissi", "referrer", "om-rotterdam"},
    {"ref.brouwer", "Jeroen Brouwer", "referrer", "kmar"},
    {"ref.hoekstra", "Marloes Hoekstra", "referrer", "aivd"},
    {"triage.jansen", "Sanne Jansen", "triage", "nctv"},
    {"triage.degroot", "Pieter de Groot", "triage", "nctv"},
    {"triage.meijer", "Nadia Meijer", "triage", "nctv"},
    {"analyst.vandenberg", "Lotte van den Berg", "analyst", "nctv"},
    {"analyst.bos", "Thijs Bos", "analyst", "nctv"},
    {"analyst.kuipers", "Marieke Kuipers", "analyst", "aivd"},
    {"analyst.hendriks", "Bas Hendriks", "analyst", "politie-le"},
    {"analyst.devries", "Anouk de Vries", "analyst", "politie-amsterdam"},
    {"analyst.ouali", "Karim Ouali", "analyst", "politie-rotterdam"},
    {"analyst.smits", "Judith Smits", "analyst", "politie-den-haag"},
    {"analyst.vandijk", "Ruben van Dijk", "analyst", "politie-midden-nederland"},
    {"authority.dijkstra", "Hanneke Dijkstra", "authority", "nctv"},
    {"authority.vanleeuwen", "Gerard van Leeuwen", "authority", "om-amsterdam"},
    {"authority.hofstra", "Monique Hofstra", "authority", "om-rotterdam"},
    {"authority.koster", "Willem Koster", "authority", "om-den-haag"},
    {"authority.postma", "Ingrid Postma", "authority", "om-midden-nederland"},
    {"coord.willems", "Erik Willems", "coordinator", "politie-le"},
    {"unit.prins", "Rob Prins", "unit_lead", "politie-le"},
    {"unit.wolters", "Saskia Wolters", "unit_lead", "kmar"},
    {"unit.dekker", "Tom Dekker", "unit_lead", "politie-amsterdam"},
    {"unit.visser", "Eva Visser", "unit_lead", "politie-rotterdam"},
    {"unit.vos", "Iris Vos", "unit_lead", "politie-den-haag"},
    {"mayor.vermeulen", "Karin Vermeulen", "authority", "gemeente-den-haag"},
    {"mayor.bakker", "Arjen Bakker", "authority", "gemeente-amsterdam"},
    {"care.timmermans", "Yvonne Timmermans", "care", "nctv"},
    {"care.vanwijk", "Sjoerd van Wijk", "care", "om-amsterdam"},
    {"care.mertens", "Anne Mertens", "care", "om-rotterdam"},
    {"privacy.verbeek", "Linda Verbeek", "privacy_officer", "nctv"},
    {"inspector.claassen", "Hans Claassen", "inspector", "inspectie-jenv"},
    {"admin.kramer", "Dennis Kramer", "admin", "nctv"},
};

/* Persons in order of first appearance in the case table below; the comment is the index the
 * cases use. Household members (partner, kind) follow the person they belong to. */
static const demo_person demo_persons[] = {
    /*   0 */ {"Jurriaan", "", "Ketelaar", "1976-10-10", "advocaat"},
    /*   1 */ {"Casper", "", "Winkelman", "1978-02-21", "journalist"},
    /*   2 */ {"Eline", "", "Baars", "1982-03-06", "advocaat"},
    /*   3 */ {"Stijn", "", "Baars", "1981-11-17", "partner"},
    /*   4 */ {"Henk", "", "Roelofs", "1955-10-04", "gemeenteraadslid"},
    /*   5 */ {"Dennis", "", "Koopmans", "1984-06-17", "kroongetuige"},
    /*   6 */ {"Priscilla", "", "Koopmans-Lont", "1987-02-03", "familielid van kroongetuige"},
    /*   7 */ {"Jayden", "", "Koopmans", "2009-11-21", "familielid van kroongetuige"},
    /*   8 */ {"Mustafa", "", "Yilmaz", "1988-05-21", "politieagent"},
    /*   9 */ {"Zoë", "", "Yilmaz-Dekker", "1990-08-14", "partner"},
    /*  10 */ {"Elif", "", "Yilmaz", "2010-03-02", "kind"},
    /*  11 */ {"Roos", "", "Terpstra", "1988-06-13", "docent"},
    /*  12 */ {"Joost", "van den", "Hoven", "1971-02-11", "wethouder"},
    /*  13 */ {"Marjolein", "van den", "Hoven", "1973-01-29", "partner"},
    /*  14 */ {"Karim", "", "Haddad", "1971-09-30", "activist"},
    /*  15 */ {"Leila", "", "Haddad", "1975-04-22", "partner"},
    /*  16 */ {"Yasmin", "", "Haddad", "2007-12-08", "kind"},
    /*  17 */ {"Adam", "", "Haddad", "2010-06-15", "kind"},
    /*  18 */ {"Ewout", "", "Kamerling", "1959-05-30", "notaris"},
    /*  19 */ {"Mehmet", "", "Aydın", "1979-06-03", "ondernemer"},
    /*  20 */ {"Ayşe", "", "Aydın", "1982-11-16", "partner"},
    /*  21 */ {"Emre", "", "Aydın", "2008-07-04", "kind"},
    /*  22 */ {"Marijke", "van", "Oosterwijk", "1969-03-12", "Tweede Kamerlid"},
    /*  23 */ {"Hendrik", "van", "Oosterwijk", "1966-08-25", "partner"},
    /*  24 */ {"Levent", "", "Demir", "1999-09-09", "student"},
    /*  25 */ {"Sjoerd", "", "Nieuwenhuis", "1969-04-24", "rechter"},
    /*  26 */ {"Margriet", "", "Nieuwenhuis", "1970-08-18", "partner"},
    /*  27 */ {"Charlotte", "van der", "Steen", "1977-05-09", "officier van justitie"},
    /*  28 */ {"Bart", "", "Hogeveen", "1975-12-14", "partner"},
    /*  29 */ {"Isa", "", "Hogeveen", "2008-04-30", "kind"},
    /*  30 */ {"Daniëlle", "", "Verhagen", "1975-09-08", "huisarts"},
    /*  31 */ {"Jolanda", "van", "Gorp", "1970-03-23", "ambtenaar"},
    /*  32 */ {"Maarten", "", "Schoemaker", "1970-01-22", "advocaat"},
    /*  33 */ {"Esmée", "", "Schoemaker", "1973-04-08", "partner"},
    /*  34 */ {"Floor", "", "Schoemaker", "2006-08-23", "kind"},
    /*  35 */ {"Pim", "", "Zwanenburg", "1966-11-29", "wethouder"},
    /*  36 */ {"Floris", "", "Dekkers", "1974-02-16", "advocaat"},
    /*  37 */ {"Wessel", "", "Hartog", "1959-12-12", "ondernemer"},
    /*  38 */ {"Arman", "", "Sarkisian", "1980-07-04", "klokkenluider"},
    /*  39 */ {"Lusine", "", "Sarkisian", "1983-10-19", "partner"},
    /*  40 */ {"Abdelkader", "", "Amrani", "1962-01-05", "imam"},
    /*  41 */ {"Arjen", "", "Doornbos", "1964-04-17", "burgemeester"},
    /*  42 */ {"Jeroen", "", "Lindeboom", "1981-11-08", "Tweede Kamerlid"},
    /*  43 */ {"Annick", "", "Lindeboom", "1983-09-14", "partner"},
    /*  44 */ {"Pepijn", "", "Lindeboom", "2009-05-26", "kind"},
    /*  45 */ {"Marieke", "", "Brinkman", "1978-07-31", "wethouder"},
    /*  46 */ {"Hanna", "", "Kroeze", "1981-07-07", "schrijver"},
    /*  47 */ {"Gerrit", "", "Smulders", "1964-10-27", "ondernemer"},
    /*  48 */ {"Anja", "", "Smulders", "1966-05-12", "partner"},
    /*  49 */ {"Geertruida", "", "Bosch", "1963-02-27", "rechter"},
    /*  50 */ {"Arend", "", "Bosch", "1961-06-05", "partner"},
    /*  51 */ {"Rob", "", "Kloosterman", "1983-12-09", "douanemedewerker"},
    /*  52 */ {"Roos", "", "Vreugdenhil", "1982-01-14", "wethouder"},
    /*  53 */ {"Annemiek", "", "Ruijter", "1974-08-16", "wetenschapper"},
    /*  54 */ {"Matthijs", "", "Ruijter", "1972-12-19", "partner"},
    /*  55 */ {"Lieke", "", "Overdijk", "1986-01-26", "journalist"},
    /*  56 */ {"Fenna", "", "Overdijk", "2007-06-18", "kind"},
    /*  57 */ {"Wilhelmina", "", "Sedney", "1958-03-18", "familielid van kroongetuige"},
    /*  58 */ {"Shanti", "", "Sedney", "1989-12-01", "familielid van kroongetuige"},
    /*  59 */ {"Ilona", "de", "Wit", "1983-03-15", "officier van justitie"},
    /*  60 */ {"Noor", "", "Abbas", "1990-04-07", "journalist"},
    /*  61 */ {"Daan", "", "Verweij", "1989-01-11", "partner"},
    /*  62 */ {"Hester", "", "Rombouts", "1967-08-20", "burgemeester"},
    /*  63 */ {"Jan-Willem", "", "Rombouts", "1965-02-09", "partner"},
    /*  64 */ {"Jacob", "", "Westerveld", "1957-11-26", "predikant"},
    /*  65 */ {"Kees", "", "Dorrestein", "1961-09-14", "advocaat-generaal"},
    /*  66 */ {"Janneke", "", "Dorrestein", "1963-05-07", "partner"},
    /*  67 */ {"Sophie", "", "Landman", "1979-10-23", "wetenschapper"},
    /*  68 */ {"Reinier", "", "Wijnberg", "1972-04-01", "ambtenaar"},
    /*  69 */ {"Merel", "", "Wijnberg", "2006-10-05", "kind"},
    /*  70 */ {"Jasper", "", "Kamphuis", "1977-05-02", "wetenschapper"},
    /*  71 */ {"Rutger", "", "Verschoor", "1968-09-12", "ondernemer"},
    /*  72 */ {"Marleen", "", "Verschoor", "1970-01-30", "partner"},
    /*  73 */ {"Lars", "", "Hendrikx", "1985-10-30", "politieagent"},
    /*  74 */ {"Demi", "", "Hendrikx", "1987-12-03", "partner"},
    /*  75 */ {"Ruth", "", "Goudsmit", "1965-05-15", "bestuurder maatschappelijke organisatie"},
    /*  76 */ {"Evert", "", "Dijkhuis", "1963-06-22", "gedeputeerde"},
    /*  77 */ {"Tarek", "", "Mansour", "1992-08-31", "activist"},
    /*  78 */ {"Orlando", "", "Paulina", "1986-08-09", "kroongetuige"},
    /*  79 */ {"Kimberley", "", "Paulina-Groen", "1990-02-14", "familielid van kroongetuige"},
    /*  80 */ {"Sandra", "", "Hoogendoorn", "1977-12-24", "getuige"},
    /*  81 */ {"Mark", "", "Hoogendoorn", "1975-03-31", "partner"},
    /*  82 */ {"Noah", "", "Hoogendoorn", "2008-09-17", "kind"},
    /*  83 */ {"Niels", "", "Verkerk", "1987-02-19", "scheidsrechter"},
    /*  84 */ {"Annelies", "", "Groeneveld", "1972-11-11", "rechter"},
    /*  85 */ {"Liesbeth", "", "Wassenaar", "1960-12-03", "Eerste Kamerlid"},
    /*  86 */ {"Gerben", "", "Wassenaar", "1958-07-02", "partner"},
    /*  87 */ {"Iris", "", "Kalsbeek", "1997-06-06", "activist"},
    /*  88 */ {"Hidde", "", "Vlasblom", "1972-03-29", "ondernemer"},
    /*  89 */ {"Yara", "", "Pinas", "1993-02-07", "gemeenteraadslid"},
    /*  90 */ {"Frank", "", "Molenkamp", "1967-07-11", "gevangenisdirecteur"},
    /*  91 */ {"Carla", "", "Molenkamp", "1969-03-27", "partner"},
    /*  92 */ {"Kevin", "", "Tjon A Fong", "1991-07-19", "politieagent"},
    /*  93 */ {"Maurits", "", "Teeuwen", "1969-10-18", "advocaat"},
    /*  94 */ {"Samira", "", "Bouzid", "1985-01-19", "Tweede Kamerlid"},
    /*  95 */ {"Thomas", "", "Zijlstra", "1983-06-28", "partner"},
    /*  96 */ {"Marit", "ter", "Beek", "1984-05-25", "officier van justitie"},
    /*  97 */ {"Vera", "", "Lammerts", "1980-09-02", "officier van justitie"},
    /*  98 */ {"Joris", "", "Bleeker", "1979-10-06", "partner"},
    /*  99 */ {"Sara", "", "Bleeker", "2010-01-20", "kind"},
    /* 100 */ {"Bram", "", "Oudshoorn", "1970-12-06", "wetenschapper"},
    /* 101 */ {"Zoë", "", "Kraaijeveld", "2001-12-29", "vlogger"},
    /* 102 */ {"Wouter", "", "Blaauw", "1976-04-13", "Tweede Kamerlid"},
    /* 103 */ {"Ingeborg", "", "Blaauw", "1977-02-22", "partner"},
    /* 104 */ {"Hamza", "", "Ouali", "1990-11-03", "gemeenteraadslid"},
    /* 105 */ {"Tessa", "", "Nieland", "1984-03-10", "journalist"},
    /* 106 */ {"Sven", "", "Kuijt", "1992-10-15", "havenmedewerker"},
    /* 107 */ {"Gijs", "", "Heemskerk", "1973-07-27", "journalist"},
    /* 108 */ {"Nienke", "", "Heemskerk", "1975-06-01", "partner"},
    /* 109 */ {"Gerda", "", "Vonk", "1969-01-27", "ambtenaar"},
    /* 110 */ {"Anouk", "", "Stavenuiter", "1980-04-04", "wethouder"},
    /* 111 */ {"Jesse", "", "Stavenuiter", "1979-09-25", "partner"},
    /* 112 */ {"Maud", "", "Keijzer", "1988-07-22", "wetenschapper"},
    /* 113 */ {"Carolien", "", "Mooij", "1976-08-29", "rechter"},
    /* 114 */ {"Guus", "", "Mooij", "2009-02-13", "kind"},
    /* 115 */ {"Luc", "", "Pelzer", "1982-04-12", "journalist"},
    /* 116 */ {"Anke", "", "Pelzer", "1983-07-30", "partner"},
    /* 117 */ {"Ferry", "", "Bruggeman", "1979-04-16", "penitentiair inrichtingswerker"},
    /* 118 */ {"Willemijn", "de", "Lange", "1973-10-01", "advocaat"},
    /* 119 */ {"Farid", "", "Noori", "1979-11-30", "tolk"},
    /* 120 */ {"Mina", "", "Noori", "1984-06-09", "partner"},
    /* 121 */ {"Sami", "", "Noori", "2010-02-17", "kind"},
    /* 122 */ {"Bjorn", "van", "Rooij", "1994-01-31", "politieagent"},
    /* 123 */ {"Sietske", "", "Algra", "1978-03-03", "Tweede Kamerlid"},
    /* 124 */ {"Marco", "", "Koopmans", "1981-10-24", "familielid van kroongetuige"},
    /* 125 */ {"Cor", "van der", "Giessen", "1962-07-06", "ondernemer"},
    /* 126 */ {"Ria", "van der", "Giessen", "1963-04-28", "partner"},
    /* 127 */ {"Yassine", "", "Tahiri", "1990-09-19", "jongerenwerker"},
    /* 128 */ {"Evelien", "", "Scholte", "1987-05-18", "journalist"},
    /* 129 */ {"Patrick", "", "Vrolijk", "1980-02-25", "getuige"},
    /* 130 */ {"Jorien", "", "Hazenberg", "1985-08-08", "wetenschapper"},
    /* 131 */ {"Wilma", "", "Bastiaans", "1966-12-02", "rechter"},
    /* 132 */ {"Floortje", "", "Akkerman", "1990-06-11", "beleidsmedewerker"},
    /* 133 */ {"Hilde", "", "Wester", "1976-11-14", "dierenarts"},
    /* 134 */ {"Parisa", "", "Rahimi", "1991-03-21", "activist"},
    /* 135 */ {"Lodewijk", "van", "Asperen", "1974-05-05", "Tweede Kamerlid"},
    /* 136 */ {"Mirjam", "van", "Asperen", "1975-03-16", "partner"},
    /* 137 */ {"Ellen", "", "Doornbos", "1966-09-13", "partner"},
    /* 138 */ {"Maaike", "ter", "Haar", "1978-09-27", "officier van justitie"},
    /* 139 */ {"Mila", "", "Rietveld", "2008-10-29", "kind"},
    /* 140 */ {"Olaf", "", "Rietveld", "1976-01-08", "partner"},
    /* 141 */ {"Joëlle", "", "Hamers", "1983-02-15", "wetenschapper"},
};

/* Exactly 100 cases, oldest referral first. Triage outcomes: 22 waiting in the queue (6 urgent),
 * 6 more_information (3 answered, back in the queue; 3 waiting for the referrer), 24 national,
 * 30 local, 18 no_measures. Persons who return in a later case are re-used by index. */
static const demo_case demo_cases[] = {
    {
        .summary = "Strafrechtadvocaat in Amsterdam ontvangt na de vrijspraak van zijn cliënt "
                   "in een liquidatiezaak dreigberichten uit de criminele kring van het "
                   "slachtoffer.",
        .phenomenon = "organised_crime",
        .source_details = "Melding OM Amsterdam; schermafbeeldingen van de berichten.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 398,
        .person_count = 1,
        .persons = {0},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning =
            "Dreiging gericht op een advocaat, afzenders bekend en lokaal. Lokaal domein, "
            "OM Amsterdam; politie-eenheid Amsterdam adviseert over maatregelen.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Misdaadverslaggever ontvangt na een publicatie over een drugsnetwerk een "
                   "dreigende e-mail; de afzender is onbekend en er zijn geen verdere signalen.",
        .phenomenon = "organised_crime",
        .source_details = "Melding van de hoofdredactie via de Landelijke Eenheid.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 395,
        .person_count = 1,
        .persons = {1},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Eenmalig bericht zonder concrete aanwijzingen. Geen overheidsmaatregelen. "
            "Advies: aangifte doen, veiligheidsbeleid van de werkgever volgen, nieuwe "
            "signalen direct melden.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Advocaat in liquidatieproces ontvangt dreigbrief met foto van woning; bron: "
                   "politie-eenheid Rotterdam.",
        .phenomenon = "organised_crime",
        .source_details =
            "Proces-verbaal politie-eenheid Rotterdam; dreigbrief is veiliggesteld voor "
            "sporenonderzoek.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 388,
        .person_count = 2,
        .persons = {2, 3},
        .triage_outcome = "local",
        .district = "rotterdam",
        .triage_reasoning =
            "Concrete dreigbrief; geen aanwijzingen voor landelijke vertakking. Lokaal "
            "domein, OM Rotterdam.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Gemeenteraadslid in Amersfoort ontvangt boze e-mails over een "
                   "bestemmingsplan; de berichten bevatten geen bedreigende taal.",
        .phenomenon = "activism",
        .source_details = "Melding griffie via politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 384,
        .person_count = 1,
        .persons = {4},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Geen dreiging tegen leven of fysieke integriteit. Advies: meldpunt van de "
            "gemeente en handreiking veilig raadswerk.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Kroongetuige in een liquidatieproces tegen een Rotterdamse drugsorganisatie. "
                   "Uit opgenomen gesprekken blijkt dat een premie is uitgeloofd voor informatie "
                   "over zijn verblijfplaats en die van zijn gezin.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal van het rechercheteam en CIE-informatie (H2); "
                          "kroongetuigenovereenkomst is getekend.",
        .urgent = true,
        .referrer = "ref.elidrissi",
        .days_ago = 380,
        .person_count = 3,
        .persons = {5, 6, 7},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Concrete dreiging uit zware georganiseerde criminaliteit tegen kroongetuige "
            "en gezin. Gespecialiseerde persoonsbeveiliging en een landelijk "
            "opsporingsonderzoek zijn betrokken; het OM heeft als procespartij een eigen "
            "belang. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Politieagent die bij een aanhouding geweld moest gebruiken, wordt door de "
                   "aangehouden man op straat aangesproken met de mededeling dat hij weet waar "
                   "zijn kinderen op school zitten.",
        .phenomenon = "lone_actor",
        .source_details = "Melding politie-eenheid Den Haag, afdeling veiligheid, integriteit en "
                          "klachten.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 377,
        .person_count = 3,
        .persons = {8, 9, 10},
        .triage_outcome = "local",
        .district = "den-haag",
        .triage_reasoning =
            "Dreiging van een bekende, lokale afzender; eenheid kan beveiligen. Lokaal "
            "domein, OM Den Haag.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Docent geschiedenis wordt na een les door een ouder op sociale media "
                   "beschuldigd en uitgescholden; er is geen concrete dreiging.",
        .phenomenon = "lone_actor",
        .source_details = "Melding schoolleiding via politie-eenheid Amsterdam.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 371,
        .person_count = 1,
        .persons = {11},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Geen aanwijzingen voor dreiging. Advies: schoolleiding ondersteunt, aangifte "
            "bij nieuwe uitingen, wijkagent informeren.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Wethouder in Utrecht wordt na een besluit over een opvanglocatie door een "
                   "groep bewoners bij huis opgewacht en uitgescholden; er zijn eieren tegen de "
                   "gevel gegooid.",
        .phenomenon = "activism",
        .source_details = "Melding gemeente via politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 365,
        .person_count = 2,
        .persons = {12, 13},
        .triage_outcome = "local",
        .district = "midden-nederland",
        .triage_reasoning =
            "Intimidatie met een lokaal karakter; maatregelen rond woning passen in het "
            "lokaal domein. OM Midden-Nederland.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Een in Nederland wonende criticus van een buitenlands regime wordt volgens "
                   "de AIVD in kaart gebracht door personen die in opdracht van een statelijke "
                   "actor handelen; zijn woonadres is bij hen bekend.",
        .phenomenon = "state_threat",
        .source_details =
            "Ambtsbericht AIVD, samenvatting voor de politie (H2: verdere verstrekking "
            "alleen met toestemming).",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 362,
        .person_count = 4,
        .persons = {14, 15, 16, 17},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Dreiging door een statelijke actor op basis van AIVD-informatie; inzet en "
            "afstemming met inlichtingendiensten vragen landelijke regie. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Notaris meldt dat een ontevreden erfgenaam hem herhaaldelijk belt en op "
                   "kantoor verhaal komt halen.",
        .phenomenon = "other",
        .source_details = "Melding politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 355,
        .person_count = 1,
        .persons = {18},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Conflict zonder aanwijzingen voor geweld. Geen overheidsmaatregelen; advies: "
            "kantoorprotocol en zo nodig een civiel contactverbod.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Horecaondernemer in Amsterdam-West weigerde drugsgeld wit te wassen; zijn "
                   "zaak is beschoten en hij ontving een dreigende voicemail.",
        .phenomenon = "organised_crime",
        .source_details =
            "Proces-verbaal politie-eenheid Amsterdam; camerabeelden van de beschieting.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 352,
        .person_count = 3,
        .persons = {19, 20, 21},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning =
            "Ernstige dreiging, maar regionaal; de eenheid Amsterdam kan de maatregelen "
            "dragen. Lokaal domein, OM Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Tweede Kamerlid wordt in propagandakanalen van een terroristische "
                   "organisatie als doelwit genoemd na uitspraken in een debat. De oproep is in "
                   "meerdere talen verspreid.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Melding Landelijke Eenheid, dienst Landelijke Informatieorganisatie; "
                          "vertaling van de oproep bijgevoegd.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 346,
        .person_count = 2,
        .persons = {22, 23},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Kamerlid met een bijzondere democratische functie; terroristische dreiging "
            "met landelijke reikwijdte, betrokkene verplaatst zich door het hele land. "
            "Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Student met een dubbele nationaliteit meldt dat hij op een demonstratie is "
                   "gefilmd door personen die bij een ambassade zouden horen.",
        .phenomenon = "state_threat",
        .source_details = "Melding KMar-brigade Den Haag.",
        .urgent = false,
        .referrer = "ref.brouwer",
        .days_ago = 343,
        .person_count = 1,
        .persons = {24},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Geen aanwijzingen voor dreiging tegen leven of fysieke integriteit. Advies: "
            "melding bij de AIVD doen en alert blijven op benaderingen.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Rechter-commissaris in Rotterdam wordt in gesprekken van gedetineerden bij "
                   "naam genoemd; volgens CIE-informatie wordt gezocht naar zijn woonadres.",
        .phenomenon = "organised_crime",
        .source_details = "CIE-informatie (H1) via het OM Rotterdam.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 339,
        .person_count = 2,
        .persons = {25, 26},
        .triage_outcome = "local",
        .district = "rotterdam",
        .triage_reasoning =
            "Informatie is nog niet concreet; lokaal domein met nauwe betrokkenheid van "
            "de NCTV als adviseur. OM Rotterdam.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Officier van justitie die de vervolging leidt in een omvangrijk "
                   "liquidatieproces. Volgens CIE-informatie heeft de hoofdverdachte opdracht "
                   "gegeven haar en haar gezin te volgen.",
        .phenomenon = "organised_crime",
        .source_details =
            "CIE-informatie (H1) via het OM Amsterdam; proces-verbaal observatie door de "
            "politie-eenheid Amsterdam.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 331,
        .person_count = 3,
        .persons = {27, 28, 29},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Betrokkene werkt bij het OM Amsterdam, dat in het lokaal domein het gezag "
            "zou zijn; om belangenverstrengeling te voorkomen en gezien de ernst van de "
            "dreiging: rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Huisarts in Eindhoven wordt bedreigd door een patiënt die zich benadeeld "
                   "voelt; de man heeft eerder een medewerker geslagen.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Oost-Brabant; informatie GGZ via Team "
                          "Dreigingsmanagement.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 322,
        .person_count = 1,
        .persons = {30},
        .triage_outcome = "local",
        .district = "oost-brabant",
        .triage_reasoning = "Bekende afzender met geweldshistorie, lokaal. Lokaal domein, OM "
                            "Oost-Brabant.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Medewerker van een waterschap wordt in een Facebookgroep uitgescholden na "
                   "een besluit over het waterpeil.",
        .phenomenon = "activism",
        .source_details = "Melding werkgever via politie-eenheid Oost-Brabant.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 318,
        .person_count = 1,
        .persons = {31},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning = "Online ongenoegen zonder dreigende inhoud. Advies: werkgever biedt "
                            "ondersteuning, berichten bewaren.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Advocaat die een kroongetuige bijstaat, wordt in afgeluisterde gesprekken "
                   "van de tegenpartij genoemd als 'de volgende'. Er zijn verkenningen bij zijn "
                   "kantoor waargenomen.",
        .phenomenon = "organised_crime",
        .source_details =
            "Tapverslagen uit een lopend onderzoek van de politie-eenheid Rotterdam (H1); "
            "camerabeelden kantoor.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 312,
        .person_count = 3,
        .persons = {32, 33, 34},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Advocaat met een rol in de rechtsstaat, concrete aanwijzingen voor "
                            "voorbereidingshandelingen en verband met een kroongetuigentraject. "
                            "Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Wethouder van een gemeente in Noord-Holland die vergunningen van criminele "
                   "ondernemers weigerde, vindt een kogel in zijn brievenbus.",
        .phenomenon = "organised_crime",
        .source_details = "Melding OM Amsterdam met proces-verbaal politie-eenheid Noord-Holland.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 308,
        .person_count = 1,
        .persons = {35},
        .triage_outcome = "local",
        .district = "noord-holland",
        .triage_reasoning = "Ondermijningsdreiging tegen een lokale bestuurder; lokaal domein, OM "
                            "Noord-Holland.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Advocaat met een kantoor aan de Zuidas vertegenwoordigt een hoofdverdachte "
                   "in een drugszaak; onbekenden hebben zijn woning en kantoor gefotografeerd.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal politie-eenheid Amsterdam; melding van de advocaat.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 299,
        .person_count = 1,
        .persons = {36},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning =
            "Verkenning zonder concrete dreigementen; lokaal domein met maatregelen rond "
            "woning en kantoor. OM Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Eigenaar van een boekhandel die een omstreden boek verkoopt, ontvangt een "
                   "anoniem telefoontje met een verwensing.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Melding via de AIVD, met toestemming gedeeld met de politie.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 297,
        .person_count = 1,
        .persons = {37},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Geen concrete of voorstelbare dreiging volgens de beschikbare informatie. "
            "Advies: beveiligingsadvies politie, nieuwe signalen melden.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Voormalig medewerker van een buitenlandse ambassade die in Nederland "
                   "bescherming kreeg. Via een partnerdienst ontving de KMar signalen dat naar "
                   "zijn verblijfplaats wordt gezocht.",
        .phenomenon = "state_threat",
        .source_details =
            "Informatie Landelijk Tactisch Commando KMar; partnerdienstbericht via de "
            "AIVD.",
        .urgent = false,
        .referrer = "ref.brouwer",
        .days_ago = 291,
        .person_count = 2,
        .persons = {38, 39},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Statelijke dreiging, informatie van buitenlandse partners en samenwerking "
            "met de diensten vereist; landelijke regie. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Imam in Maastricht die zich publiekelijk uitspreekt tegen radicalisering, "
                   "wordt in extremistische kanalen als afvallige bestempeld.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Informatie Landelijke Eenheid en politie-eenheid Limburg.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 284,
        .person_count = 1,
        .persons = {40},
        .triage_outcome = "local",
        .district = "limburg",
        .triage_reasoning =
            "Dreiging voorstelbaar, niet concreet; lokale maatregelen volstaan. Lokaal "
            "domein, OM Limburg.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Burgemeester van een Utrechtse gemeente ontvangt boze brieven na een besluit "
                   "over een opvanglocatie; er worden geen dreigementen geuit.",
        .phenomenon = "activism",
        .source_details = "Melding gemeente via politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 281,
        .person_count = 1,
        .persons = {41},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Kritiek zonder dreiging. Geen overheidsmaatregelen; advies: afstemming in de "
            "lokale driehoek en alertheid bij publieke bijeenkomsten.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Tweede Kamerlid wordt gevolgd door een gefixeerde man die bij drie openbare "
                   "optredens in verschillende steden aanwezig was en brieven met persoonlijke "
                   "details stuurt.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte bij de politie-eenheid Den Haag; beoordeling door Team "
                          "Dreigingsmanagement.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 272,
        .person_count = 3,
        .persons = {42, 43, 44},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Kamerlid, dreiging van een gefixeerde persoon die zich over meerdere "
                            "eenheden verplaatst. Landelijke coördinatie nodig. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Wethouder in Den Haag wordt na een besluit over parkeren met naam en adres "
                   "op een demonstratiepagina gezet; een deelnemer roept op 'haar eens op te "
                   "zoeken'.",
        .phenomenon = "activism",
        .source_details = "Melding gemeente Den Haag via politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 270,
        .person_count = 1,
        .persons = {45},
        .triage_outcome = "local",
        .district = "den-haag",
        .triage_reasoning =
            "Oproep tot intimidatie, lokaal; eenheid kan toezicht en advies bieden. "
            "Lokaal domein, OM Den Haag.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Schrijfster van jeugdboeken ontvangt ongepaste berichten van een volwassen "
                   "fan; de berichten zijn niet dreigend.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 263,
        .person_count = 1,
        .persons = {46},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Geen dreiging. Advies: contact blokkeren, aangifte bij escalatie; wijkagent "
            "informeren.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Ondernemer in Tilburg die verklaarde over een drugslab in een loods van zijn "
                   "bedrijf, krijgt bezoek van onbekenden die vragen naar zijn kinderen.",
        .phenomenon = "organised_crime",
        .source_details =
            "Informatie uit een onderzoek van de Landelijke Eenheid naar synthetische "
            "drugs; proces-verbaal van verhoor.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 261,
        .person_count = 2,
        .persons = {47, 48},
        .triage_outcome = "local",
        .district = "zeeland-west-brabant",
        .triage_reasoning =
            "Ondermijning met een regionale dader; lokaal domein, OM Zeeland-West-Brabant "
            "(woonplaats Tilburg).",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Voorzitter van de strafkamer in een megaproces tegen een drugsorganisatie. "
                   "Bij een verdachte is een lijst aangetroffen met namen van rechters, onder "
                   "wie betrokkene, en hun woonplaatsen.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal doorzoeking, rechercheteam politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 256,
        .person_count = 2,
        .persons = {49, 50},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Rechter in een zaak met landelijke impact; aanwijzingen voor doelgerichte "
            "informatievergaring door een criminele organisatie. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Douanemedewerker in de Rotterdamse haven weigerde informatie te verkopen en "
                   "wordt daarna gevolgd van werk naar huis.",
        .phenomenon = "organised_crime",
        .source_details = "Melding Douane en proces-verbaal politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 248,
        .person_count = 1,
        .persons = {51},
        .triage_outcome = "local",
        .district = "rotterdam",
        .triage_reasoning =
            "Geen landelijke vertakking; maatregelen rond woning en werk in de regio. "
            "Lokaal domein, OM Rotterdam.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Wethouder in Amsterdam ontvangt grove reacties na een besluit over een "
                   "autovrije binnenstad.",
        .phenomenon = "activism",
        .source_details = "Melding gemeente Amsterdam via politie-eenheid Amsterdam.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 243,
        .person_count = 1,
        .persons = {52},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Grove maar niet dreigende reacties. Advies: ondersteuning door de gemeente, "
            "berichten bewaren en nieuwe signalen melden.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Wetenschapper die een veelbesproken rapport over jihadistische netwerken "
                   "publiceerde, wordt in een online oproep als doelwit aangewezen. Enkele "
                   "volgers tonen interesse in haar werkadres.",
        .phenomenon = "terrorism_extremism",
        .source_details = "AIVD-informatie (samenvatting); open bronnen, gedeeld met de politie.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 241,
        .person_count = 2,
        .persons = {53, 54},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Terroristische dreiging met een concrete oproep; betrokkene treedt landelijk "
            "op. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Journalist van een Amsterdamse stadskrant wordt gestalkt door een man die "
                   "zich in haar werk heeft verdiept; hij stond bij de school van haar dochter.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Amsterdam; contactverbod is opgelegd.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 233,
        .person_count = 2,
        .persons = {55, 56},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning =
            "Gefixeerde afzender in de regio; maatregelen lokaal. Lokaal domein, OM "
            "Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Moeder en zus van een kroongetuige worden na diens verklaringen door de "
                   "organisatie onder druk gezet; de auto van de zus is in brand gestoken.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal brandonderzoek; informatie Landelijke Eenheid over het "
                          "kroongetuigentraject.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 226,
        .person_count = 2,
        .persons = {57, 58},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Familieleden van een kroongetuige als vervangend doelwit; er is al een "
            "aanslag gepleegd. Afstemming met het landelijke traject noodzakelijk. "
            "Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Officier van justitie uit Utrecht die zaken tegen een drugsnetwerk "
                   "behandelt, ziet verdachte personen bij haar woning; de buren zijn benaderd "
                   "met vragen over haar.",
        .phenomenon = "organised_crime",
        .source_details = "Melding OM Midden-Nederland via politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 219,
        .person_count = 1,
        .persons = {59},
        .triage_outcome = "local",
        .district = "gelderland",
        .triage_reasoning = "Betrokkene woont en werkt in het arrondissement Midden-Nederland; het "
                            "College van procureurs-generaal wijst de HOvJ van het arrondissement "
                            "Gelderland aan. Lokaal domein, OM Gelderland.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Misdaadverslaggever die eerder werd gemeld: een onbekende heeft naar de "
                   "redactie gebeld en gevraagd waar hij woont.",
        .phenomenon = "organised_crime",
        .source_details = "Melding van de hoofdredactie via de Landelijke Eenheid.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 217,
        .person_count = 1,
        .persons = {1},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Tweede melding, nog steeds zonder concrete aanwijzingen. Geen "
            "overheidsmaatregelen; advies: adresgegevens afschermen, werkgever neemt "
            "maatregelen, nieuwe signalen direct melden.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Journalist van een onderzoeksplatform dat publiceerde over "
                   "desinformatiecampagnes ontvangt bedreigingen die volgens de AIVD te "
                   "herleiden zijn tot een statelijke actor.",
        .phenomenon = "state_threat",
        .source_details = "Ambtsbericht AIVD; melding van de werkgever.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 206,
        .person_count = 2,
        .persons = {60, 61},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Statelijke actor, inlichtingeninformatie en de rol van de journalistiek in "
            "de democratische rechtsorde. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Burgemeester van een Brabantse gemeente wordt na het sluiten van een woning "
                   "wegens drugshandel bedreigd door aanhangers van een protestgroep.",
        .phenomenon = "activism",
        .source_details = "Melding politie-eenheid Oost-Brabant.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 204,
        .person_count = 2,
        .persons = {62, 63},
        .triage_outcome = "local",
        .district = "oost-brabant",
        .triage_reasoning =
            "Burgemeester: de HOvJ beslist na advies van de NCTV. Dreiging lokaal van "
            "aard. Lokaal domein, OM Oost-Brabant.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Predikant in Zwolle ontvangt een brief met religieus geïnspireerde "
                   "verwensingen; de afzender is bekend en heeft geen geweldsverleden.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Informatie Landelijke Eenheid en politie-eenheid Oost-Nederland.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 199,
        .person_count = 1,
        .persons = {64},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Bekende afzender zonder aanwijzingen voor geweld. Advies: gesprek door de "
            "wijkagent met de afzender, nieuwe signalen melden.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Advocaat-generaal in een hoger beroep tegen een drugsorganisatie wordt in "
                   "een podcast met criminele achtergrond bij naam en woonplaats genoemd.",
        .phenomenon = "organised_crime",
        .source_details = "Melding OM Rotterdam; transcriptie van de podcast.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 196,
        .person_count = 2,
        .persons = {65, 66},
        .triage_outcome = "local",
        .district = "rotterdam",
        .triage_reasoning =
            "Dreiging voorstelbaar, niet concreet; lokaal domein met advies NCTV. OM "
            "Rotterdam.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Klimaatwetenschapper die geregeld in talkshows verschijnt, wordt na een "
                   "uitzending massaal bedreigd, onder meer met een oproep haar woning 'te "
                   "bezoeken'.",
        .phenomenon = "activism",
        .source_details =
            "Aangifte politie-eenheid Den Haag; overzicht berichten van de werkgever.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 191,
        .person_count = 1,
        .persons = {67},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Dreiging gekoppeld aan publieke optredens, landelijk bekend, verplaatst zich "
            "tussen eenheden; werkgever kan niet voldoende beveiligen. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Ambtenaar die een integriteitsonderzoek bij een gemeente leidde, ontvangt "
                   "anonieme brieven met persoonsgegevens van zijn kinderen.",
        .phenomenon = "other",
        .source_details = "Aangifte politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 183,
        .person_count = 2,
        .persons = {68, 69},
        .triage_outcome = "local",
        .district = "den-haag",
        .triage_reasoning = "Intimidatie met kennis van het gezin; lokaal domein, OM Den Haag.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Wetenschapper die samenwerkt met een buitenlandse universiteit wordt "
                   "dringend gevraagd onderzoeksgegevens te delen; van dreiging is geen sprake.",
        .phenomenon = "state_threat",
        .source_details = "AIVD, loket kennisveiligheid.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 181,
        .person_count = 1,
        .persons = {70},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Kennisveiligheidsvraagstuk, geen dreiging tegen de persoon. Advies: loket "
            "kennisveiligheid en de beveiligingsfunctionaris van de universiteit.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Ondernemer in de haven heeft als getuige verklaard over cocaïnesmokkel via "
                   "zijn terminal. In opgenomen gesprekken wordt gesproken over 'hem laten "
                   "verdwijnen'.",
        .phenomenon = "organised_crime",
        .source_details =
            "OVC-verslagen uit een FIOD- en politieonderzoek (H1); getuigenverklaring.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 176,
        .person_count = 2,
        .persons = {71, 72},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Concrete aanwijzingen voor een moordplan vanuit zware georganiseerde "
                            "criminaliteit; verbinding met een landelijk onderzoek. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Rechercheur die informanten runt in een onderzoek naar explosies bij "
                   "woningen, is in een versleutelde chat herkend en gefotografeerd.",
        .phenomenon = "organised_crime",
        .source_details = "Melding politie-eenheid Amsterdam; CIE (H2).",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 168,
        .person_count = 2,
        .persons = {73, 74},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning = "Medewerker van de politie in de eigen regio; lokaal domein met extra "
                            "aandacht voor afscherming van gegevens. OM Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Voorzitter van een Joodse organisatie ontvangt concrete dreigementen uit "
                   "extremistische hoek. Een verdachte is aangehouden met een mes in de buurt "
                   "van het kantoor.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Proces-verbaal aanhouding; informatie Landelijke Eenheid en AIVD.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 161,
        .person_count = 1,
        .persons = {75},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Terroristische en extremistische dreiging, voorbereidingshandelingen "
                            "waargenomen. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Gedeputeerde die een omstreden stikstofplan verdedigt, wordt bij een "
                   "werkbezoek ingesloten door boze demonstranten; nadien verschijnt zijn adres "
                   "online.",
        .phenomenon = "activism",
        .source_details = "Proces-verbaal politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 152,
        .person_count = 1,
        .persons = {76},
        .triage_outcome = "local",
        .district = "midden-nederland",
        .triage_reasoning =
            "Intimidatie, lokaal; geen aanwijzingen voor georganiseerde daders. Lokaal "
            "domein, OM Midden-Nederland.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Activist die zich uitspreekt tegen het regime in zijn land van herkomst, "
                   "ontvangt online scheldberichten van anonieme accounts.",
        .phenomenon = "state_threat",
        .source_details = "AIVD-informatie (samenvatting); melding van betrokkene.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 152,
        .person_count = 1,
        .persons = {77},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Nog geen aanwijzingen voor dreiging tegen leven of fysieke integriteit. "
            "Advies: alertheid, melden bij nieuwe benaderingen; de AIVD houdt de "
            "ontwikkelingen in beeld.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Voormalig lid van een criminele organisatie legt als getuige met toezegging "
                   "verklaringen af. Zijn tijdelijke verblijfplaats is vermoedelijk uitgelekt "
                   "via een medegedetineerde.",
        .phenomenon = "organised_crime",
        .source_details = "Informatie OM Amsterdam en CIE (H2).",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 141,
        .person_count = 2,
        .persons = {78, 79},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Kroongetuigentraject, concrete dreiging en mogelijk gecompromitteerde "
                            "verblijfplaats. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Gezin van een getuige in een explosiezaak in Rotterdam-Zuid wordt na de "
                   "zitting gevolgd en krijgt een foto van de voordeur toegestuurd.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal politie-eenheid Rotterdam; getuigenverklaring.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 136,
        .person_count = 3,
        .persons = {80, 81, 82},
        .triage_outcome = "local",
        .district = "rotterdam",
        .triage_reasoning =
            "Concrete intimidatie van getuige en gezin; regionale daders. Lokaal domein, "
            "OM Rotterdam.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Scheidsrechter in het betaald voetbal wordt na een omstreden beslissing "
                   "online bedreigd; de afzenders zijn geïdentificeerd en aangehouden.",
        .phenomenon = "lone_actor",
        .source_details = "Proces-verbaal politie-eenheid Oost-Brabant.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 129,
        .person_count = 1,
        .persons = {83},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "De afzenders zijn aangehouden; geen resterende dreiging. Advies: steun van "
            "de bond, aangifte bij nieuwe berichten.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Kantonrechter in Amsterdam wordt na een ontruimingsvonnis door de huurder "
                   "gevolgd en bedreigd.",
        .phenomenon = "lone_actor",
        .source_details = "Melding Rechtspraak via OM Amsterdam.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 126,
        .person_count = 1,
        .persons = {84},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning = "Verwarde afzender, lokaal; Team Dreigingsmanagement betrokken. Lokaal "
                            "domein, OM Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Eerste Kamerlid ontvangt brieven met verwijzingen naar haar dagelijkse route "
                   "en foto's van haar fietsenstalling. De afzender is eerder veroordeeld voor "
                   "bedreiging van een bestuurder.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Midden-Nederland; antecedentenoverzicht van de "
                          "afzender.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 121,
        .person_count = 2,
        .persons = {85, 86},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Volksvertegenwoordiger, afzender met antecedenten en kennis van haar "
                            "dagpatroon. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Activist van een klimaatbeweging meldt dat tegenstanders haar foto hebben "
                   "gedeeld met de tekst 'wij weten je te vinden'.",
        .phenomenon = "activism",
        .source_details = "Melding politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 114,
        .person_count = 1,
        .persons = {87},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Eenmalige uiting zonder verdere aanwijzingen. Advies: aangifte, berichten "
            "bewaren, alert blijven bij acties.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Ondernemer die eerder in het lokaal domein werd beveiligd en inmiddels in "
                   "Eindhoven woont, meldt nieuwe bedreigingen na de veroordeling van de daders.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal politie-eenheid Oost-Brabant.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 111,
        .person_count = 1,
        .persons = {47},
        .triage_outcome = "local",
        .district = "oost-brabant",
        .triage_reasoning = "Nieuwe dreiging na het vonnis; woonplaats inmiddels Eindhoven. Lokaal "
                            "domein, OM Oost-Brabant.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Ondernemer in de defensie-industrie meldt pogingen tot rekrutering en daarna "
                   "intimidatie door personen die volgens de MIVD banden hebben met een "
                   "buitenlandse dienst.",
        .phenomenon = "state_threat",
        .source_details = "Melding KMar; MIVD-informatie (samenvatting, H2).",
        .urgent = false,
        .referrer = "ref.brouwer",
        .days_ago = 106,
        .person_count = 1,
        .persons = {88},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Statelijke dreiging met inlichtingencomponent; landelijke regie en "
                            "afstemming met MIVD. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Gemeenteraadslid in Den Haag ontvangt na uitspraken over een demonstratie "
                   "tientallen haatberichten, waaronder een afbeelding van een strop.",
        .phenomenon = "activism",
        .source_details = "Melding politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 101,
        .person_count = 1,
        .persons = {89},
        .triage_outcome = "local",
        .district = "den-haag",
        .triage_reasoning =
            "Online intimidatie met een lokaal karakter. Lokaal domein, OM Den Haag.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Directeur van een extra beveiligde inrichting wordt na een overplaatsing van "
                   "een gedetineerde bedreigd; bij een bezoeker is een briefje met zijn "
                   "huisadres gevonden.",
        .phenomenon = "organised_crime",
        .source_details = "Melding DJI en proces-verbaal politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 96,
        .person_count = 2,
        .persons = {90, 91},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Functionaris met een sleutelrol in de tenuitvoerlegging; dreiging uit zware "
            "georganiseerde criminaliteit. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Politieagent in Amsterdam-Zuidoost wordt door leden van een jeugdbende met "
                   "naam en foto gedeeld in een drillvideo.",
        .phenomenon = "organised_crime",
        .source_details = "Melding politie-eenheid Amsterdam.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 91,
        .person_count = 1,
        .persons = {92},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning = "Lokale dreiging; de eenheid kan maatregelen nemen. Lokaal domein, OM "
                            "Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Curator in een faillissement van een bouwbedrijf wordt door de voormalige "
                   "directeur uitgescholden tijdens een zitting.",
        .phenomenon = "other",
        .source_details = "Melding OM Amsterdam.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 86,
        .person_count = 1,
        .persons = {93},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Incident zonder dreiging. Advies: kantoorprotocol, melding bij herhaling.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Tweede Kamerlid en partner worden na een debat over religieuze vrijheid in "
                   "een extremistisch forum met foto van hun woning genoemd.",
        .phenomenon = "terrorism_extremism",
        .source_details = "AIVD-informatie en open bronnen; melding van de Tweede Kamer.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 81,
        .person_count = 2,
        .persons = {94, 95},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning = "Kamerlid, extremistische dreiging met woonadres. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Officier van justitie uit Rotterdam die in het arrondissement woont, wordt "
                   "benaderd door een onbekende die haar adres noemt; zij behandelt een "
                   "witwaszaak.",
        .phenomenon = "organised_crime",
        .source_details = "Melding OM Rotterdam.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 76,
        .person_count = 1,
        .persons = {96},
        .triage_outcome = "local",
        .district = "den-haag",
        .triage_reasoning = "Om belangenverstrengeling te voorkomen wijst het College van "
                            "procureurs-generaal het OM Den Haag aan. Lokaal domein, OM Den Haag.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Officier van justitie die een zaak tegen een motorclub leidt, ziet haar auto "
                   "met verf beklad; in de berichtgroep van de club wordt haar naam gedeeld.",
        .phenomenon = "organised_crime",
        .source_details =
            "Proces-verbaal politie-eenheid Rotterdam; berichten uit een inbeslaggenomen "
            "telefoon.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 71,
        .person_count = 3,
        .persons = {97, 98, 99},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Betrokkene werkt bij het OM Rotterdam; belangenverstrengeling voorkomen. "
            "Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Wetenschapper aan de Universiteit Utrecht ontvangt na een tv-optreden over "
                   "vaccinatie dreigende brieven van een bekende afzender.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 66,
        .person_count = 1,
        .persons = {100},
        .triage_outcome = "local",
        .district = "midden-nederland",
        .triage_reasoning = "Dreiging van een bekende, lokale afzender; lokaal domein, OM "
                            "Midden-Nederland.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Vlogger met een groot bereik ontvangt ongewenste cadeaus en berichten van "
                   "een fan die haar woonplaats heeft achterhaald.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Amsterdam.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 61,
        .person_count = 1,
        .persons = {101},
        .triage_outcome = "no_measures",
        .district = NULL,
        .triage_reasoning =
            "Hinderlijk gedrag zonder dreiging. Advies: aangifte stalking bij herhaling, "
            "adres afschermen.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Voorzitter van een parlementaire enquêtecommissie ontvangt dreigmails van "
                   "een groep die zich benadeeld voelt door de conclusies.",
        .phenomenon = "other",
        .source_details = "Melding Tweede Kamer; aangifte politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 56,
        .person_count = 2,
        .persons = {102, 103},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Kamerlid met bijzondere democratische functie; dreiging landelijk van aard. "
            "Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Gemeenteraadslid in Amsterdam-Noord meldt intimidatie nadat hij vragen "
                   "stelde over een shishalounge.",
        .phenomenon = "organised_crime",
        .source_details = "Melding van betrokkene via het OM Amsterdam.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 52,
        .person_count = 1,
        .persons = {104},
        .triage_outcome = "more_information",
        .district = NULL,
        .triage_reasoning =
            "Is er informatie uit lopende onderzoeken die de dreiging onderbouwt? Het "
            "dossier bevat nu alleen de melding van betrokkene.",
        .answer = "Ja. Het RIEC en de politie-eenheid Amsterdam hebben signalen dat de lounge "
                  "deel uitmaakt van een witwasconstructie; de eigenaar komt voor in "
                  "CIE-informatie (H2). Betrokkene is twee keer bij zijn woning aangesproken.",
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Advocaat die eerder in het lokaal domein werd beveiligd, meldt dat een "
                   "cliënt hem onder druk zet om informatie uit een dossier door te spelen.",
        .phenomenon = "organised_crime",
        .source_details = "Melding OM Amsterdam; verklaring van de advocaat.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 51,
        .person_count = 1,
        .persons = {0},
        .triage_outcome = "local",
        .district = "amsterdam",
        .triage_reasoning = "Nieuwe, concrete druk; lokaal domein, OM Amsterdam.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Activist die eerder zonder maatregelen werd afgesloten, is opnieuw benaderd; "
                   "dit keer zijn twee personen aangehouden die zijn woning fotografeerden en in "
                   "opdracht zouden werken.",
        .phenomenon = "state_threat",
        .source_details = "Ambtsbericht AIVD; proces-verbaal aanhouding politie-eenheid Den Haag.",
        .urgent = true,
        .referrer = "ref.hoekstra",
        .days_ago = 46,
        .person_count = 1,
        .persons = {77},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Eerdere melding werd zonder overheidsmaatregelen afgesloten; nu concrete "
            "voorbereidingshandelingen door een statelijke actor. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Presentatrice van een actualiteitenprogramma wordt gestalkt door een man die "
                   "twee keer bij de studio stond en haar auto volgde.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 44,
        .person_count = 1,
        .persons = {105},
        .triage_outcome = "more_information",
        .district = NULL,
        .triage_reasoning =
            "Graag de uitkomst van de screening door Team Dreigingsmanagement, en of de "
            "afzender in beeld is bij de GGZ.",
        .answer = "Team Dreigingsmanagement heeft de afzender in beeld. Hij is bekend met "
                  "psychiatrische problematiek en heeft eerder een contactverbod overtreden. Er "
                  "is geen wapenbezit bekend.",
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Misdaadverslaggever die eerder twee keer werd gemeld, is gisteravond bij "
                   "zijn woning belaagd door twee mannen met een wapen; zij zijn gevlucht.",
        .phenomenon = "organised_crime",
        .source_details = "Melding meldkamer, proces-verbaal politie-eenheid Amsterdam; eerdere "
                          "meldingen in Schild.",
        .urgent = true,
        .referrer = "ref.vandam",
        .days_ago = 41,
        .person_count = 1,
        .persons = {1},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Na twee eerdere meldingen zonder concrete aanwijzingen is nu sprake van een "
            "gewelddadig incident. Journalist met landelijke bekendheid. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Medewerker van een containerterminal meldt dat hem geld is aangeboden voor "
                   "toegangspassen en dat hij na zijn weigering is bedreigd.",
        .phenomenon = "organised_crime",
        .source_details = "Melding terminalbeveiliging via politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 38,
        .person_count = 1,
        .persons = {106},
        .triage_outcome = "more_information",
        .district = NULL,
        .triage_reasoning =
            "Is er aangifte gedaan en is de dreiging concreet (wie, wanneer, wat is er "
            "gezegd)? Graag ook melden of er een lopend opsporingsonderzoek is.",
        .answer = "Aangifte is gedaan. Er loopt een onderzoek van de FIOD en de politie-eenheid "
                  "Rotterdam; de tussenpersoon is bekend uit CIE-informatie (H2). De bedreiging "
                  "was mondeling en is twee keer herhaald.",
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Opiniemaker en columnist wordt in een video bedreigd door een gefixeerde man "
                   "die ook zijn optredens in het land bezoekt en aankondigt 'het af te maken'.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Den Haag; beoordeling door Team "
                          "Dreigingsmanagement.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 34,
        .person_count = 2,
        .persons = {107, 108},
        .triage_outcome = "national",
        .district = NULL,
        .triage_reasoning =
            "Concrete uitlating, gefixeerde afzender die zich over meerdere eenheden "
            "verplaatst. Rijksdomein.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Medewerker van de provincie die vergunningen voor windturbines verleent, "
                   "ontvangt onaangename berichten na een informatieavond.",
        .phenomenon = "activism",
        .source_details = "Melding werkgever via politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 33,
        .person_count = 1,
        .persons = {109},
        .triage_outcome = "more_information",
        .district = NULL,
        .triage_reasoning =
            "Welke berichten zijn precies ontvangen en is de afzender bekend? Is de "
            "politie-eenheid al betrokken voor een veiligheidsadvies?",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Wethouder in Rotterdam die een aanpak van ondermijning in de haven trekt, "
                   "vindt een gps-tracker onder haar auto.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 31,
        .person_count = 2,
        .persons = {110, 111},
        .triage_outcome = "local",
        .district = "rotterdam",
        .triage_reasoning = "Voorbereidingshandelingen door onbekenden, lokaal. Lokaal domein, OM "
                            "Rotterdam.",
        .answer = NULL,
        .triage_user = "triage.degroot",
    },
    {
        .summary = "Onderzoeker aan een technische universiteit wordt benaderd door personen die "
                   "zich voordoen als recruiters van een buitenlands bedrijf; na haar afwijzing "
                   "volgen anonieme dreigmails.",
        .phenomenon = "state_threat",
        .source_details = "AIVD (samenvatting, H2).",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 27,
        .person_count = 1,
        .persons = {112},
        .triage_outcome = "more_information",
        .district = NULL,
        .triage_reasoning =
            "Kan de AIVD aangeven of er een verband is met een statelijke actor, en of "
            "deze informatie met de politie gedeeld mag worden (handelingscode)?",
        .answer = NULL,
        .triage_user = "triage.jansen",
    },
    {
        .summary = "Rechter in Utrecht die een zaak tegen een motorclub behandelt, ziet leden "
                   "van de club bij het gerechtsgebouw en bij haar woning.",
        .phenomenon = "organised_crime",
        .source_details = "Melding politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 26,
        .person_count = 2,
        .persons = {113, 114},
        .triage_outcome = "local",
        .district = "midden-nederland",
        .triage_reasoning =
            "Intimidatie door een regionale groep; lokaal domein, OM Midden-Nederland.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Journalist van een regionale omroep in Limburg die publiceerde over "
                   "drugsafval in natuurgebied, vindt zijn autobanden lek gestoken en een "
                   "briefje met 'laatste waarschuwing'.",
        .phenomenon = "organised_crime",
        .source_details = "Melding Landelijke Eenheid en politie-eenheid Limburg.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 25,
        .person_count = 2,
        .persons = {115, 116},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Penitentiair inrichtingswerker wordt buiten het werk aangesproken door "
                   "familie van een gedetineerde, die zijn woonwijk noemt.",
        .phenomenon = "other",
        .source_details = "Melding DJI via de Landelijke Eenheid.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 24,
        .person_count = 1,
        .persons = {117},
        .triage_outcome = "more_information",
        .district = NULL,
        .triage_reasoning =
            "Betreft de dreiging de medewerker persoonlijk of de inrichting als geheel? "
            "Graag de melding van DJI toevoegen.",
        .answer = NULL,
        .triage_user = "triage.meijer",
    },
    {
        .summary = "Curator in het faillissement van een vastgoedbedrijf met criminele banden "
                   "wordt tijdens een zitting geïntimideerd en daarna gevolgd.",
        .phenomenon = "other",
        .source_details = "Melding OM Amsterdam.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 23,
        .person_count = 1,
        .persons = {118},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Tolk die voor Nederlandse missies werkte, hoort via familie in het "
                   "buitenland dat naar hem en zijn gezin in Nederland wordt gezocht.",
        .phenomenon = "state_threat",
        .source_details = "Melding KMar; verificatie via de MIVD aangevraagd.",
        .urgent = false,
        .referrer = "ref.brouwer",
        .days_ago = 22,
        .person_count = 3,
        .persons = {119, 120, 121},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Politieagent in Helmond wordt door een aangehouden man en diens broer online "
                   "met naam en adres bedreigd.",
        .phenomenon = "lone_actor",
        .source_details = "Melding politie-eenheid Oost-Brabant.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 20,
        .person_count = 1,
        .persons = {122},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Tweede Kamerlid wordt in een rechts-extremistisch manifest bij naam genoemd "
                   "als 'verrader'.",
        .phenomenon = "terrorism_extremism",
        .source_details = "AIVD-informatie en open bronnen.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 19,
        .person_count = 1,
        .persons = {123},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Broer van een kroongetuige meldt verdachte voertuigen bij zijn woning; de "
                   "kroongetuige zelf verblijft elders.",
        .phenomenon = "organised_crime",
        .source_details = "Melding politie-eenheid Rotterdam; kentekenonderzoek loopt.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 17,
        .person_count = 1,
        .persons = {124},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Wethouder die eerder zonder maatregelen werd afgesloten, ontvangt nu een "
                   "afbeelding van een strop met haar huisadres.",
        .phenomenon = "activism",
        .source_details = "Melding gemeente Amsterdam via politie-eenheid Amsterdam.",
        .urgent = false,
        .referrer = "ref.bakker",
        .days_ago = 16,
        .person_count = 1,
        .persons = {52},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Ondernemer die weigerde zijn transportbedrijf beschikbaar te stellen voor "
                   "drugssmokkel, krijgt bezoek van onbekenden en vindt een kogelhuls in zijn "
                   "brievenbus.",
        .phenomenon = "organised_crime",
        .source_details = "Aangifte politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.visser",
        .days_ago = 14,
        .person_count = 2,
        .persons = {125, 126},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Jongerenwerker in Arnhem die jongeren uit extremistische kringen begeleidt, "
                   "wordt door voormalige contacten als verrader bestempeld.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Informatie Landelijke Eenheid en politie-eenheid Oost-Nederland.",
        .urgent = false,
        .referrer = "ref.vandam",
        .days_ago = 13,
        .person_count = 1,
        .persons = {127},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Journalist die onderzoek doet naar beïnvloeding door een statelijke actor, "
                   "vindt een gps-tracker onder haar auto.",
        .phenomenon = "state_threat",
        .source_details = "AIVD (samenvatting); technisch onderzoek door de politie.",
        .urgent = false,
        .referrer = "ref.hoekstra",
        .days_ago = 12,
        .person_count = 1,
        .persons = {128},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Getuige in een witwaszaak verklaart dat hij na zijn verhoor is benaderd door "
                   "een tussenpersoon van de verdachte met de boodschap dat men weet waar hij "
                   "woont.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal van verhoor, OM Amsterdam.",
        .urgent = false,
        .referrer = "ref.mulder",
        .days_ago = 11,
        .person_count = 1,
        .persons = {129},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Wetenschapper die stikstofonderzoek publiceerde, ziet haar huisadres gedeeld "
                   "in een Telegramgroep met oproepen tot 'een bezoekje'.",
        .phenomenon = "activism",
        .source_details = "Melding universiteit via politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 9,
        .person_count = 1,
        .persons = {130},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Kinderrechter in 's-Hertogenbosch ontvangt na een uithuisplaatsing dreigende "
                   "berichten van een vader die eerder voor geweld is veroordeeld.",
        .phenomenon = "lone_actor",
        .source_details = "Melding Rechtspraak via politie-eenheid Oost-Brabant.",
        .urgent = false,
        .referrer = "ref.vermeulen",
        .days_ago = 8,
        .person_count = 1,
        .persons = {131},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Beleidsmedewerker van een ministerie die een omstreden wetsvoorstel "
                   "voorbereidde, wordt op straat aangesproken en gefilmd; de beelden "
                   "verschijnen online met haar naam.",
        .phenomenon = "other",
        .source_details = "Melding ministerie via politie-eenheid Den Haag.",
        .urgent = false,
        .referrer = "ref.smit",
        .days_ago = 7,
        .person_count = 1,
        .persons = {132},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Rechter-commissaris die eerder in het lokaal domein werd gemeld, wordt "
                   "opnieuw genoemd; in een inbeslaggenomen telefoon is een foto van zijn woning "
                   "aangetroffen.",
        .phenomenon = "organised_crime",
        .source_details = "Proces-verbaal digitale recherche politie-eenheid Rotterdam.",
        .urgent = false,
        .referrer = "ref.elidrissi",
        .days_ago = 5,
        .person_count = 2,
        .persons = {25, 26},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Dierenarts die meewerkte aan het ruimen van pluimvee, ontvangt dreigbrieven "
                   "van dierenrechtenactivisten met foto's van haar praktijk.",
        .phenomenon = "activism",
        .source_details = "Aangifte politie-eenheid Midden-Nederland.",
        .urgent = false,
        .referrer = "ref.kok",
        .days_ago = 4,
        .person_count = 1,
        .persons = {133},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Activiste uit de diaspora wordt volgens een buitenlandse partnerdienst "
                   "geschaduwd in opdracht van een statelijke actor; bij aankomst op Schiphol "
                   "werd zij aangesproken door onbekenden.",
        .phenomenon = "state_threat",
        .source_details =
            "KMar Schiphol, proces-verbaal van bevindingen; partnerdienstbericht via de "
            "AIVD.",
        .urgent = true,
        .referrer = "ref.brouwer",
        .days_ago = 3,
        .person_count = 1,
        .persons = {134},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Advocaat die eerder in het lokaal domein werd beveiligd, meldt dat twee "
                   "mannen op een scooter zijn kantoor aan de Zuidas en zijn woning "
                   "fotografeerden.",
        .phenomenon = "organised_crime",
        .source_details = "Melding van de advocaat via 112; camerabeelden worden veiliggesteld.",
        .urgent = true,
        .referrer = "ref.bakker",
        .days_ago = 2,
        .person_count = 1,
        .persons = {36},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Tweede Kamerlid ontvangt via sociale media en per post herhaalde "
                   "doodsbedreigingen van een verwarde afzender die gisteren bij zijn woning is "
                   "gezien.",
        .phenomenon = "lone_actor",
        .source_details = "Aangifte politie-eenheid Den Haag; informatie Team Dreigingsmanagement.",
        .urgent = true,
        .referrer = "ref.smit",
        .days_ago = 1,
        .person_count = 2,
        .persons = {135, 136},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Burgemeester die eerder zonder maatregelen werd afgesloten: demonstranten "
                   "kondigen online aan vanavond 'op bezoek' te komen bij zijn woning, waar ook "
                   "zijn partner verblijft.",
        .phenomenon = "activism",
        .source_details =
            "Melding politie-eenheid Midden-Nederland; schermafbeeldingen van de oproep.",
        .urgent = true,
        .referrer = "ref.kok",
        .days_ago = 1,
        .person_count = 2,
        .persons = {41, 137},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Officier van justitie in een ondermijningszaak trof vanochtend een brandbom "
                   "aan bij de voordeur van haar woning in Capelle aan den IJssel; de "
                   "forensische opsporing loopt.",
        .phenomenon = "organised_crime",
        .source_details =
            "Melding meldkamer politie-eenheid Rotterdam, 05:40 uur; proces-verbaal van "
            "bevinding volgt.",
        .urgent = true,
        .referrer = "ref.visser",
        .days_ago = 0,
        .person_count = 3,
        .persons = {138, 139, 140},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
    {
        .summary = "Uit inlichtingen blijkt dat een jihadistisch netwerk een wetenschapper die "
                   "publiceert over radicalisering als doelwit noemt; er zijn aanwijzingen voor "
                   "verkenning van haar werkplek.",
        .phenomenon = "terrorism_extremism",
        .source_details = "Ambtsbericht AIVD (samenvatting); nadere duiding mondeling beschikbaar.",
        .urgent = true,
        .referrer = "ref.hoekstra",
        .days_ago = 0,
        .person_count = 1,
        .persons = {141},
        .triage_outcome = NULL,
        .district = NULL,
        .triage_reasoning = NULL,
        .answer = NULL,
        .triage_user = NULL,
    },
};

size_t demo_world_users(const demo_user **out)
{
    *out = demo_users;
    return sizeof demo_users / sizeof demo_users[0];
}

size_t demo_world_persons(const demo_person **out)
{
    *out = demo_persons;
    return sizeof demo_persons / sizeof demo_persons[0];
}

size_t demo_world_cases(const demo_case **out)
{
    *out = demo_cases;
    return sizeof demo_cases / sizeof demo_cases[0];
}

const char *demo_world_password(void)
{
    return demo_password;
}
