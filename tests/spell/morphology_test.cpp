#include "spell/morphology.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>

#include "data/data.hpp"
#include "engine/engine.hpp"

#include "spell/enclitic.hpp"
#include "spell/spell.hpp"
#include "text/text.hpp"

using replylint::spell::attach_clitics;
using replylint::spell::derived_word;
using replylint::spell::MorphologyLookups;
using replylint::spell::MorphologyRules;
using replylint::spell::Options;
using replylint::spell::Speller;
using replylint::spell::SpellService;

namespace {

std::string utf8(const icu::UnicodeString& text) {
  std::string out;
  text.toUTF8String(out);
  return out;
}

icu::UnicodeString u(const std::string& text) { return icu::UnicodeString::fromUTF8(text); }

// Lookups over a made-up dictionary (which must outlive them), none of whose words is near
// another: known words, and known words with the accent the asked word lacks.
MorphologyLookups lookups_over(const std::set<std::string>& words) {
  MorphologyLookups lookups{
      [&words](const icu::UnicodeString& w) { return words.contains(utf8(w)); },
      [](const icu::UnicodeString&) { return false; }};
  lookups.known_with_accent = [&words](const icu::UnicodeString& w) {
    const std::string asked = utf8(w);
    return std::ranges::any_of(words, [&](const std::string& known) {
      return known != asked && utf8(replylint::text::strip_acute(u(known))) == asked;
    });
  };
  return lookups;
}

std::string attach(const std::string& base, const std::string& clitics) {
  return utf8(attach_clitics(u(base), u(clitics)));
}

SpellService& service() {
  static SpellService shared{
      Options{.morphology = replylint::engine::word_formation(replylint::data::default_data())}};
  return shared;
}

Speller& speller(std::string_view language) {
  Speller* found = service().get(language);
  REQUIRE(found != nullptr);
  return *found;
}

}  // namespace

TEST_CASE("enclitic pronouns take the accent the stress then needs", "[spell][morphology]") {
  CHECK(attach("indique", "nos") == "indíquenos");
  CHECK(attach("envíe", "noslo") == "envíenoslo");
  CHECK(attach("diga", "nos") == "díganos");
  CHECK(attach("explique", "nos") == "explíquenos");
  CHECK(attach("ayude", "nos") == "ayúdenos");
  CHECK(attach("enviando", "le") == "enviándole");
  CHECK(attach("comunicar", "selo") == "comunicárselo");
  CHECK(attach("comunicar", "lo") == "comunicarlo");
  CHECK(attach("enviar", "le") == "enviarle");
  CHECK(attach("haga", "melo") == "hágamelo");
  CHECK(attach("busque", "lo") == "búsquelo");
  CHECK(attach("cuida", "lo") == "cuídalo");
  CHECK(attach("di", "me") == "dime");
  CHECK(attach("dé", "me") == "deme");    // the diacritic accent of a monosyllable goes
  CHECK(attach("oír", "lo") == "oírlo");  // an accent that breaks a diphthong stays
}

TEST_CASE("derived_word needs a known base and the right accent", "[spell][morphology]") {
  const std::set<std::string> words{"indique", "reindexar", "indexar",  "usuario",
                                    "enviar",  "casa",      "respuesta"};
  const MorphologyRules rules{
      {"re", "super", "auto"}, {{"se"}, {"me", "nos"}, {"lo", "le"}}, {}, {}, {}, {{"ador", "ar"}}};
  const MorphologyLookups lookups{
      [&](const icu::UnicodeString& w) { return words.contains(utf8(w)); },
      [&](const icu::UnicodeString& w) { return utf8(w) != "casa"; }};
  const auto derived = [&](const std::string& word) {
    return derived_word(u(word), rules, lookups);
  };
  CHECK(derived("indíquenos"));
  CHECK(derived("superusuario"));
  CHECK(derived("enviarle"));
  CHECK(derived("reenviarle"));          // a prefix on a verb with a pronoun
  CHECK_FALSE(derived("indiquenos"));    // the accent is missing
  CHECK_FALSE(derived("enviarlé"));      // an accent where none goes
  CHECK_FALSE(derived("cásale"));        // not a verb form
  CHECK_FALSE(derived("indíquemenos"));  // two pronouns of one slot
  CHECK_FALSE(derived("reusuaro"));      // a typo after the prefix
  CHECK_FALSE(derived("recasa"));        // the rest is too short to be sure
  CHECK(derived("autorrespuesta"));
  CHECK_FALSE(derived("autorespuesta"));  // a vowel before r doubles it
  CHECK_FALSE(derived("indíqueno"));
  CHECK(derived("indexador"));        // a suffix on a known verb
  CHECK(derived("reindexador"));      // and a prefix before it
  CHECK_FALSE(derived("indexadro"));  // a typo in the suffix
  CHECK_FALSE(derived("indxador"));   // a typo in the stem
  CHECK_FALSE(derived("ador"));       // no stem
}

TEST_CASE("suffixes derive words from known bases, and no typo of them", "[spell][morphology]") {
  Speller& es = speller("es");
  for (const char* word : {"optimizador", "paginador", "designador", "manejadores", "espaciadora",
                           "imprimibles", "postergable", "permutación", "secuencialmente",
                           "sintácticamente", "particionamiento", "extraíbles", "cachés"}) {
    INFO(word);
    CHECK(es.check(word));
  }
  for (const char* word : {"simultaneamente", "sintacticamente", "optimizadro", "paginadr",
                           "secuencialmnte", "optimisador", "imprimibels", "permutacion",
                           "particionamento", "particinamiento", "extraíbels", "cahcés",
                           // -idad on a known word would let these through (igualdad,
                           // personalidad, posibilidad, mentalidad, curiosidad)
                           "igualidad", "personaridad", "cosibilidad", "metalidad", "furiosidad"}) {
    INFO(word);
    CHECK_FALSE(es.check(word));
  }
  Speller& el = speller("el");
  for (const char* word :
       {"προσιτότητα", "προσιτότητας", "προσιτοτήτων", "τροποποιητής", "τροποποιητή"}) {
    INFO(word);
    CHECK(el.check(word));
  }
  for (const char* word :
       {"προσιτοτητας", "προσιτότηταα", "προστότητας", "τροποποιητη", "τροποπιητής"}) {
    INFO(word);
    CHECK_FALSE(el.check(word));
  }
}

TEST_CASE("a compound takes the first word's stem, the link and a known word",
          "[spell][morphology]") {
  const std::set<std::string> words{"σίδηρος", "δρόμος", "δρόμου", "σύμβολο", "σειρά", "σειρές"};
  MorphologyRules rules;
  rules.compounds = {{"ο", {"ο", "ος", "α"}}};
  const MorphologyLookups lookups = lookups_over(words);
  const auto derived = [&](const std::string& word) {
    return derived_word(u(word), rules, lookups);
  };
  CHECK(derived("συμβολοσειρά"));
  CHECK(derived("συμβολοσειρές"));
  CHECK(derived("σιδηροδρόμου"));  // the second word keeps its accent
  // An accent on the link is not taken (it would let through "δωρόεπιταγης").
  CHECK_FALSE(derived("σιδηρόδρομος"));
  CHECK_FALSE(derived("σιδηροδρομου"));  // no accent at all
  CHECK_FALSE(derived("σιδηρόδρόμου"));  // two accents
  CHECK_FALSE(derived("συμβολασειρά"));  // another link
  CHECK_FALSE(derived("σισειρά"));       // no stem
  rules.compounds.clear();
  CHECK_FALSE(derived("συμβολοσειρά"));  // no compounds in the rules
}

TEST_CASE("Greek compounds with a linking -ο- on two known words", "[spell][morphology]") {
  Speller& el = speller("el");
  // None of these is in el_GR: σύμβολο + σειρά, εικόνα + στοιχεία, χρόνος + γραμμή, κωδικός +
  // σελίδα, αριθμός + σειρά.
  for (const char* word : {"συμβολοσειρά", "συμβολοσειρές", "εικονοστοιχεία", "χρονογραμμή",
                           "χρονογραμμής", "κωδικοσελίδα", "αριθμοσειρά"}) {
    INFO(word);
    CHECK(el.check(word));
  }
  for (const char* word : {
           "συμβολοσειρα",   // the accent dropped
           "συμβολοσιερά",   // two letters of the second word swapped
           "συμβλοσειρά",    // a letter of the first word dropped
           "εικονοστοιχεα",  // a letter of the second word dropped
           "συμβόλοσειρά",   // the first word keeps its accent
           "γραματοσειρά",   // one edit from γραμματοσειρά, which el_GR lists
           "κωδικοσελδα",
       }) {
    INFO(word);
    CHECK_FALSE(el.check(word));
  }
}

TEST_CASE("a Greek suffix puts the accent where the derived word takes it", "[spell][morphology]") {
  const std::set<std::string> words{"μετρώ", "ρύθμιση", "επείγοντας", "θυμίζω", "θύμηση"};
  MorphologyRules rules;
  rules.suffixes = {
      {"'ηση", "ώ"}, {"ήσεις", "ώ"}, {"'ιση", "ίζω"}, {"'σιμος", "'ση"}, {"όντως", "'οντας"}};
  const MorphologyLookups lookups = lookups_over(words);
  const auto derived = [&](const std::string& word) {
    return derived_word(u(word), rules, lookups);
  };
  CHECK(derived("μέτρηση"));     // the stem's last vowel takes the accent
  CHECK(derived("μετρήσεις"));   // an accented ending, an unaccented stem
  CHECK(derived("ρυθμίσιμος"));  // a base with its accent in the stem, wherever it is
  CHECK(derived("επειγόντως"));
  CHECK_FALSE(derived("μετρηση"));     // no accent
  CHECK_FALSE(derived("μετρήση"));     // the accent on the ending
  CHECK_FALSE(derived("μέτρήσεις"));   // two accents
  CHECK_FALSE(derived("ρύθμισιμος"));  // the base's accent is not the derived word's
  CHECK_FALSE(derived("ρυθμισίμος"));
  CHECK_FALSE(derived("επείγόντως"));
  CHECK_FALSE(derived("μέτριση"));  // another ending: μετρίζω is no word
  // θύμιση would be formed on θυμίζω, but it is the known θύμηση with ι for η.
  CHECK_FALSE(derived("θύμιση"));
}

TEST_CASE("a Greek prefix loses its vowel before a vowel, where the dictionary does not keep it",
          "[spell][morphology]") {
  const std::set<std::string> words{"ενοχοποιώ", "εγκαθιστώ",  "αεροπορικός", "αντιαεροπορικός",
                                    "επίθεση",   "αντεπίθεση", "σύνδεση"};
  MorphologyRules rules;
  rules.prefixes = {"απ(ο)", "αντι", "αντ(ι)"};
  const MorphologyLookups lookups{
      [&](const icu::UnicodeString& w) { return words.contains(utf8(w)); },
      [](const icu::UnicodeString&) { return false; }};
  const auto derived = [&](const std::string& word) {
    return derived_word(u(word), rules, lookups);
  };
  CHECK(derived("απενοχοποιώ"));
  CHECK(derived("απεγκαθιστώ"));
  CHECK(derived("αντισύνδεση"));
  CHECK_FALSE(derived("αποενοχοποιώ"));    // "απ(ο)" is the form before a vowel only
  CHECK_FALSE(derived("απσύνδεση"));       // never before a consonant
  CHECK_FALSE(derived("ανταεροπορικός"));  // the dictionary keeps the ι
  CHECK_FALSE(derived("αντιεπίθεση"));     // the dictionary drops it
  CHECK_FALSE(derived("απενοχοποιω"));     // the rest must be a known word
}

TEST_CASE("Greek derived nouns, adjectives, adverbs and elided prefixes", "[spell][morphology]") {
  Speller& el = speller("el");
  // None of these is in el_GR; each one's base is (τηλεφωνώ, στοχοποιώ, μουτζαλώνω, καμαρώνω,
  // τραβώ, ρύθμιση, αποθήκευση, μετάφραση, διαμόρφωση, ταξινόμηση, υπερβάλλοντας, ενδιαφέροντας,
  // επαρκώντας, εγκαταστήστε, εγκαταστάθηκαν, ενοχοποιημένος).
  for (const char* word :
       {"τηλεφώνηση", "στοχοποίηση", "μουτζάλωμα", "καμάρωμα", "τράβημα", "τραβήματα", "ρυθμίσιμος",
        "ρυθμίσιμες", "αποθηκεύσιμος", "μεταφράσιμος", "διαμορφώσιμος", "ταξινομήσιμα",
        "υπερβαλλόντως", "ενδιαφερόντως", "επαρκούντως", "απεγκαταστήστε", "μετεγκαταστάθηκαν",
        "απενοχοποιημένος"}) {
    INFO(word);
    CHECK(el.check(word));
  }
  for (const char* word : {
           "τηλεφωνηση",     // the accent dropped
           "τηλέφωνηση",     // the accent moved
           "τηλεφώνησση",    // a letter doubled
           "τηλεφώνιση",     // ι for η (τηλεφωνίζω is no verb)
           "θύμιση",         // θυμίζω is, but θύμηση is the noun
           "κύληση",         // κυλώ is, but κύλιση is the noun
           "μουτζάλομα",     // ο for ω
           "μουτζαλώμα",     // the accent of the plural on the singular
           "ρυθμίσημος",     // η for ι in the ending
           "ρύθμισιμος",     // the noun's accent
           "μεταφράσιμμος",  // a letter doubled
           "υπερβαλόντως",   // υπερβάλω is an aorist: no participle, no adverb
           "ενδιαφερόντος",  // ο for ω
           "ενδιαφρόντως",   // a letter dropped
           "αντιεπίθεση",    // el_GR has αντεπίθεση
           "μετάφορα",       // μεταφορά with its accent moved, not μετ- + άφορα
       }) {
    INFO(word);
    CHECK_FALSE(el.check(word));
  }
}

TEST_CASE("Spanish speller accepts enclitic imperatives and prefixed words",
          "[spell][morphology]") {
  Speller& es = speller("es");
  for (const char* word :
       {"indíquenos", "Indíquenos", "envíenoslo", "díganos", "explíquenos", "ayúdenos",
        "enviándole", "comunicárselo", "hágamelo", "facilítenos", "reenviarle", "reindexar",
        "subconsultas", "superusuario", "reubicación", "preinstalado", "autoguardado",
        "multiusuario", "coautor", "bajante", "búfer", "reembolsos", "desuscribirse",
        "metacaracteres", "monocarácter", "pseudoterminal", "antememoria", "milisegundos",
        "nanosegundos", "desconexión", "desinstalación", "retrollamada",
        // In capitals: with their accents, and without them as capitals are often written (a
        // known word in capitals is accepted so too: ATENCION).
        "BÓRRALO", "SOBRETENSIÓN", "INDÍQUENOS", "INDIQUENOS"}) {
    INFO(word);
    CHECK(es.check(word));
  }
  for (const char* word :
       {"indiquenos", "enviarlé", "comunicarselo", "hagamelo", "superusuaro", "autorespuesta",
        "reubicacion", "INDIQUENSO", "SOBRETENSOIN", "subconsultsa", "preinstaldo", "metacaracters",
        "monocaracter", "pseudoterminl", "antememorai", "milisegudos", "desconexion",
        "retrollamda"}) {
    INFO(word);
    CHECK_FALSE(es.check(word));
  }
}

TEST_CASE("Greek speller accepts prefixed verbs and the help-desk additions",
          "[spell][morphology]") {
  Speller& el = speller("el");
  for (const char* word : {"ξαναστείλτε", "ξανασυνδεθείτε", "δωροεπιταγή", "δωροεπιταγές",
                           "δωροεπιταγής", "δωροεπιταγών", "ταχυμεταφορέα", "επανεκκινήστε",
                           "μεταδεδομένων", "υπορουτίνας", "γεωεντοπισμό",
                           // Capitals drop the accent: each placement is tried.
                           "ΞΑΝΑΣΤΕΙΛΤΕ", "ΥΠΕΡΧΡΕΩΣΗ"}) {
    INFO(word);
    CHECK(el.check(word));
  }
  for (const char* word : {"ξαναστειλτε", "ξαναστείλτέ", "ξανασ", "δωροεπιταγη", "επανεκκινηστε",
                           "μεταδεδομενων", "υπορουτνας", "γεωεντοπισμο", "ΞΑΝΑΣΤΕΛΙΤΕ"}) {
    INFO(word);
    CHECK_FALSE(el.check(word));
  }
}

TEST_CASE("a correct word gets no suggestion and suggestions are words", "[spell][morphology]") {
  Speller& es = speller("es");
  CHECK(es.suggest("indíquenos").empty());
  CHECK(es.suggest_fast("envío").empty());
  for (const char* typo : {"envio", "indiquenos", "recibdo", "faktura"}) {
    INFO(typo);
    for (const std::string& suggestion : es.suggest(typo, 5)) {
      INFO(suggestion);
      CHECK(suggestion != typo);
      CHECK(es.check(suggestion));
    }
  }
}

TEST_CASE("suggestions are ranked by the previous word", "[spell][morphology]") {
  Speller& es = speller("es");
  const std::vector<std::string> found = es.suggest("envio", 3);
  REQUIRE(std::find(found.begin(), found.end(), "envío") != found.end());
  REQUIRE(std::find(found.begin(), found.end(), "envió") != found.end());
  auto after = [&](std::string_view previous) {
    std::vector<std::string> list = found;
    es.rank_for_context(previous, list);
    CHECK(std::is_permutation(list.begin(), list.end(), found.begin(), found.end()));
    return list;
  };
  CHECK(after("El").front() == "envío");
  CHECK(after("su").front() == "envío");
  CHECK(after("usted").front() == "envió");
  CHECK(after("ya").front() == "envió");
  CHECK(after("pedido") == found);  // no hint: the order stays
  CHECK(after("") == found);
}

// Recall check for word formation: $REPLYLINT_TYPO_LIST names a file of "language<TAB>typo"
// lines (scripts or bench make it); prints how many typos each speller rejects without and with
// morphology.toml. Run by hand: replylint_tests "[morphology-recall]".
TEST_CASE("injected typos are still caught with word formation", "[.][morphology-recall]") {
  const char* path = std::getenv("REPLYLINT_TYPO_LIST");
  REQUIRE(path != nullptr);
  SpellService plain{Options{}};
  std::ifstream in{path};
  std::map<std::string, std::array<int, 3>> counts;  // language -> typos, rejected plain, now
  std::string line;
  while (std::getline(in, line)) {
    const auto tab = line.find('\t');
    if (tab == std::string::npos) continue;
    const std::string language = line.substr(0, tab), typo = line.substr(tab + 1);
    auto& count = counts[language];
    ++count[0];
    if (!plain.get(language)->check(typo)) ++count[1];
    if (!speller(language).check(typo)) {
      ++count[2];
    } else if (!plain.get(language)->check(typo)) {
      std::cout << "now accepted: " << typo << "\n";
    }
  }
  for (const auto& [language, count] : counts)
    std::cout << language << ": " << count[0] << " typos, rejected " << count[1]
              << " without word formation, " << count[2] << " with\n";
}

TEST_CASE("a Greek proparoxytone's second accent before an enclitic", "[spell][morphology]") {
  using replylint::spell::is_greek_enclitic;
  using replylint::spell::without_enclitic_accent;
  CHECK(without_enclitic_accent("όνομά") == "όνομα");
  CHECK(without_enclitic_accent("πρόσβασής") == "πρόσβασης");
  CHECK(without_enclitic_accent("ευρετήριό") == "ευρετήριο");
  CHECK(without_enclitic_accent("Διάβασέ") == "Διάβασε");
  CHECK(without_enclitic_accent("λογαριασμό") == std::nullopt);  // one accent
  CHECK(without_enclitic_accent("πρόσβάση") == std::nullopt);    // the second not on the last
  CHECK(without_enclitic_accent("σελίδά") == std::nullopt);      // the first on the penult
  CHECK(without_enclitic_accent("παραγγελίά") == std::nullopt);
  CHECK(is_greek_enclitic("σας"));
  CHECK(is_greek_enclitic("Του"));
  CHECK_FALSE(is_greek_enclitic("στο"));
}
