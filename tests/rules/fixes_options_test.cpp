// The core model as rules use it: fixes with their applicability, and typed options whose
// defaults are written once, in the rule's option table.
#include <catch2/catch.hpp>
#include <stdexcept>

#include "rules/catalogue.hpp"
#include "rules/rule_test.hpp"
#include "rules/rules.hpp"

using namespace replylint;
using test::lint;

TEST_CASE("shouting carries a safe fix that writes the run in sentence case", "[shouting][fix]") {
  const std::string text = "Hola Ana,\n\nPOR FAVOR ENVÍE EL FORMULARIO HOY.\n";
  const auto found = lint("shouting", text);
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix.has_value());
  const core::Fix& fix = *found[0].fix;
  CHECK(fix.applicability == core::Applicability::safe);
  CHECK(fix.title == "write it in sentence case");
  REQUIRE(fix.edits.size() == 1);
  const core::Edit& edit = fix.edits[0];
  CHECK(edit.location.origin == core::Location::Origin::body);
  CHECK(text.substr(edit.location.range.begin, edit.location.range.size()) ==
        "POR FAVOR ENVÍE EL FORMULARIO HOY");
  CHECK(edit.replacement == "Por favor envíe el formulario hoy");
}

TEST_CASE("shouting's subject fix edits the subject", "[shouting][fix]") {
  const auto found =
      lint("shouting",
           "From: Ana <ana@example.es>\nTo: b@example.com\nSubject: URGENTE PEDIDO NO RECIBIDO\n\n"
           "Hola,\n\nGracias.\n");
  REQUIRE(found.size() == 1);
  REQUIRE(found[0].fix.has_value());
  REQUIRE(found[0].fix->edits.size() == 1);
  const core::Edit& edit = found[0].fix->edits[0];
  CHECK(edit.location.origin == core::Location::Origin::subject);
  CHECK(edit.location.range.begin == 0);
  CHECK(edit.replacement == "Urgente pedido no recibido");
}

TEST_CASE("shouting's fix is unsafe when a word's form is a guess", "[shouting][fix]") {
  // A brand the dictionary does not know is capitalised; a code of two capitals stays.
  const auto brand = lint("shouting", "Hi Tom,\n\nTHE ARIAT BOOTS SHIP FROM DALLAS TX TODAY.\n");
  REQUIRE(brand.size() == 1);
  REQUIRE(brand[0].fix.has_value());
  CHECK(brand[0].fix->applicability == core::Applicability::unsafe);
  CHECK(brand[0].fix->edits[0].replacement == "The Ariat boots ship from Dallas TX today");
  // ΠΟΣΟ is πόσο (how much) or ποσό (the amount).
  const auto amount = lint("shouting", "Καλημέρα,\n\nΤΟ ΠΟΣΟ ΘΑ ΕΠΙΣΤΡΑΦΕΙ ΣΤΗΝ ΚΑΡΤΑ ΣΑΣ.\n");
  REQUIRE(amount.size() == 1);
  CHECK(amount[0].fix->applicability == core::Applicability::unsafe);
  // A day name takes its capital where the language writes one, but ΠΑΡΑΣΚΕΥΗ may be the
  // common word too.
  const auto day = lint("shouting", "Καλημέρα,\n\nΗ ΠΡΟΘΕΣΜΙΑ ΛΗΓΕΙ ΤΗΝ ΠΑΡΑΣΚΕΥΗ.\n");
  REQUIRE(day.size() == 1);
  CHECK(day[0].fix->edits[0].replacement == "Η προθεσμία λήγει την Παρασκευή");
  CHECK(day[0].fix->applicability == core::Applicability::unsafe);
  // Before a possessive a word stressed on its third syllable from the end takes a second
  // accent; a verb's object would keep one, so the fix writes the accent and is unsafe.
  const auto receipt =
      lint("shouting",
           "Καλημέρα,\n\nΗ ΠΑΡΑΓΓΕΛΙΑ ΣΑΣ ΕΧΕΙ ΑΠΟΣΤΑΛΕΙ ΚΑΙ Η ΑΠΟΔΕΙΞΗ ΣΑΣ ΕΙΝΑΙ ΣΤΟ "
           "ΣΥΝΗΜΜΕΝΟ ΤΟΥ ΜΗΝΥΜΑΤΟΣ ΜΑΣ.\n");
  REQUIRE(receipt.size() == 1);
  CHECK(receipt[0].fix->edits[0].replacement ==
        "Η παραγγελία σας έχει αποσταλεί και η απόδειξή σας είναι στο συνημμένο του μηνύματός μας");
  CHECK(receipt[0].fix->applicability == core::Applicability::unsafe);
  // A name in capitals whose words the dictionary lists as common words and as names too.
  const auto name =
      lint("shouting", "Hola,\n\nLa transferencia a nombre de JUAN GARCÍA LÓPEZ se ha recibido.\n");
  REQUIRE(name.size() == 1);
  CHECK(name[0].fix->applicability == core::Applicability::unsafe);
  // Every word certain: safe (the Spanish day is lowercase).
  const auto certain =
      lint("shouting", "Hola Ana,\n\nDEBE CAMBIAR LA CONTRASEÑA ANTES DEL LUNES.\n");
  REQUIRE(certain.size() == 1);
  CHECK(certain[0].fix->applicability == core::Applicability::safe);
  CHECK(certain[0].fix->edits[0].replacement == "Debe cambiar la contraseña antes del lunes");
  // A letter naming an option ("OPTION A - …" is not "Option a") and an acronym that is also a
  // word ("IT": the department, or it?) are guesses too.
  const auto option =
      lint("shouting", "Hi Gemma,\n\nOPTION A - KEEP YOUR CURRENT PLAN\nYou stay.\n");
  REQUIRE(option.size() == 1);
  CHECK(option[0].fix->applicability == core::Applicability::unsafe);
  const auto it = lint("shouting", "Hi Tom,\n\nPLEASE SEND THE LAPTOP BACK TO IT TODAY.\n");
  REQUIRE(it.size() == 1);
  CHECK(it[0].fix->applicability == core::Applicability::unsafe);
  // A word with and without an accent (ESTA: esta or está; LLEGARA: llegara or llegará) is a
  // guess; a short frequent one (QUE, ΣΑΣ) is read without it, unless the sentence asks.
  const auto hidden = lint("shouting", "Hola Ana,\n\nEL PEDIDO ESTA EN CAMINO DESDE AYER.\n");
  REQUIRE(hidden.size() == 1);
  CHECK(hidden[0].fix->applicability == core::Applicability::unsafe);
  const auto short_words =
      lint("shouting", "Καλημέρα σας,\n\nΣΤΕΙΛΤΕ ΜΑΣ ΤΗΝ ΑΠΟΔΕΙΞΗ ΤΗΣ ΑΓΟΡΑΣ ΣΗΜΕΡΑ.\n");
  REQUIRE(short_words.size() == 1);
  CHECK(short_words[0].fix->applicability == core::Applicability::safe);
  const auto asks = lint("shouting", "Καλημέρα σας,\n\nΠΟΥ ΕΙΝΑΙ ΤΟ ΔΕΜΑ ΜΕ ΤΑ ΒΙΒΛΙΑ ΣΑΣ;\n");
  REQUIRE(asks.size() == 1);
  CHECK(asks[0].fix->applicability == core::Applicability::unsafe);
  // A common word before a name (ΜΕΤΑ: μετά, not Μέτα), and a Greek capital that starts a
  // sentence keeps its accent (Όλα).
  const auto greek =
      lint("shouting", "Καλημέρα σας,\n\nΟΛΑ ΤΑ ΠΡΟΪΟΝΤΑ ΑΛΛΑΖΟΥΝ ΜΕΤΑ ΑΠΟ ΔΕΚΑ ΗΜΕΡΕΣ.\n");
  REQUIRE(greek.size() == 1);
  CHECK(greek[0].fix->edits[0].replacement == "Όλα τα προϊόντα αλλάζουν μετά από δέκα ημέρες");
}

TEST_CASE("spelling offers an unsafe fix only for a single suggestion", "[spelling][fix]") {
  const std::string text = "Hola Ana,\n\nLe enviamos la respuetsa mañana por la tarde.\n";
  const auto one = lint("spelling", text, {.options = {{"suggestions", "1"}}});
  REQUIRE(one.size() == 1);
  REQUIRE(one[0].suggestions.size() == 1);
  REQUIRE(one[0].fix.has_value());
  CHECK(one[0].fix->applicability == core::Applicability::unsafe);
  CHECK(one[0].fix->title == "replace with '" + one[0].suggestions[0] + "'");
  REQUIRE(one[0].fix->edits.size() == 1);
  CHECK(one[0].fix->edits[0].replacement == one[0].suggestions[0]);
  CHECK(text.substr(one[0].fix->edits[0].location.range.begin, 9) == "respuetsa");

  const auto several = lint("spelling", text);
  REQUIRE(several.size() == 1);
  CHECK(several[0].fix.has_value() == (several[0].suggestions.size() == 1));
  const auto none = lint("spelling", text, {.options = {{"suggestions", "0"}}});
  REQUIRE(none.size() == 1);
  CHECK_FALSE(none[0].fix.has_value());
}

TEST_CASE("visible-recipients keeps its addresses as generic data", "[visible-recipients]") {
  const auto found =
      lint("visible-recipients",
           "From: ana@tienda.es\nTo: luis@gmail.com, pedro@hotmail.com\nSubject: x\n\nHola.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].data.size() == 1);
  REQUIRE(found[0].find_data("addresses") != nullptr);
  CHECK(*found[0].find_data("addresses") == std::vector<std::string>{"pedro@hotmail.com"});
  CHECK(found[0].find_data("nothing") == nullptr);
}

TEST_CASE("rule options start at their table's typed defaults", "[rules][options]") {
  const rules::RuleInfo& info = rules::find_rule("spelling")->info;
  rules::RuleOptions options(info.options);
  CHECK(options.integer("suggestions") == 3);
  CHECK(options.integer("max-suggested-words") == 25);
  options.set("suggestions", std::int64_t{5});
  CHECK(options.integer("suggestions") == 5);
  // Reading an undeclared option, or as the wrong type, is a bug in the rule, never a silent
  // default.
  CHECK_THROWS_AS(options.integer("min-words"), std::logic_error);
  CHECK_THROWS_AS(options.boolean("suggestions"), std::logic_error);
  CHECK_THROWS_AS(options.string("suggestions"), std::logic_error);
  CHECK_THROWS_AS(options.list("suggestions"), std::logic_error);
}

TEST_CASE("option values print as the docs write them", "[rules][options]") {
  CHECK(rules::to_string(rules::OptionValue{true}) == "true");
  CHECK(rules::to_string(rules::OptionValue{std::int64_t{-4}}) == "-4");
  CHECK(rules::to_string(rules::OptionValue{std::string("es")}) == "es");
  CHECK(rules::to_string(rules::OptionValue{std::vector<std::string>{"SKU", "ERP"}}) ==
        "[\"SKU\", \"ERP\"]");
  CHECK(rules::to_string(rules::OptionValue{std::vector<std::string>{}}) == "[]");
  CHECK(rules::type_of(rules::OptionValue{false}) == rules::OptionType::boolean);
  CHECK(rules::type_of(rules::OptionValue{std::vector<std::string>{}}) ==
        rules::OptionType::string_list);
}

TEST_CASE("the catalogue prints each option's default from the rule's table", "[rules][options]") {
  const nlohmann::json catalogue = rules::catalogue_json();
  bool seen = false;
  for (const nlohmann::json& rule : catalogue["rules"]) {
    const rules::RuleInfo& info = rules::find_rule(rule["id"].get<std::string>())->info;
    REQUIRE(rule["options"].size() == info.options.size());
    for (std::size_t i = 0; i < info.options.size(); ++i) {
      CHECK(rule["options"][i]["default"] == rules::to_string(info.options[i].default_value));
      CHECK(rule["options"][i]["type"] == rules::to_string(info.options[i].type()));
      // The docs name the same default.
      CHECK(info.docs.find("`" + info.options[i].name + "` (default " +
                           rules::to_string(info.options[i].default_value) + ")") !=
            std::string::npos);
      seen = true;
    }
  }
  CHECK(seen);
  for (const nlohmann::json& rule : catalogue["rules"])
    if (rule["id"] == "shouting")
      CHECK(rule["options"][0]["default"] == "3");  // a string, as before
}

TEST_CASE("a Builder kept while the rule reports more still edits its own diagnostic",
          "[rules][reporter]") {
  rules::Reporter out("test-rule", core::Severity::warning);
  rules::Reporter::Builder first = out.report(core::Range{0, 4}, "first finding");
  // Enough findings to make the vector reallocate several times.
  for (int i = 0; i < 100; ++i) out.report(core::Range{5, 9}, "finding {}", i).help("later");
  first.help("put it right").suggest("Hola").sensitive(core::Masking::full);
  const std::vector<core::Diagnostic>& found = out.diagnostics();
  REQUIRE(found.size() == 101);
  CHECK(found[0].message == "first finding");
  CHECK(found[0].help == "put it right");
  CHECK(found[0].suggestions == std::vector<std::string>{"Hola"});
  CHECK(found[0].sensitive == core::Masking::full);
  CHECK(found[1].help == "later");
}
