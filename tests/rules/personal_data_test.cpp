#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "draft/draft.hpp"
#include "draft/test_data.hpp"
#include "rules/check_scope.hpp"
#include "rules/personal_data_detect.hpp"
#include "rules/rule_test.hpp"
#include "spell/spell.hpp"

using replylint::test::lint;
using replylint::test::lint_findings;
namespace pd = replylint::rules::personal_data;

namespace {

// The raw values found in `text` by find_numbers, as written.
std::vector<std::string> numbers_in(const std::string& text) {
  std::vector<std::string> out;
  for (const pd::Found& f : pd::find_numbers(text, {0, text.size()}))
    out.push_back(text.substr(f.range.begin, f.range.size()));
  return out;
}

// The value after a phrase ending where `phrase` ends in `text`, or "".
std::string secret_in(const std::string& text, const std::string& phrase) {
  const std::size_t at = text.find(phrase);
  REQUIRE(at != std::string::npos);
  const auto value = pd::secret_after(text, at + phrase.size(), text.size());
  return value ? text.substr(value->begin, value->size()) : "";
}

// Kind and range of each value, to compare two answers of Detector::own_text.
std::vector<std::string> described(const std::vector<pd::Found>& found) {
  std::vector<std::string> out;
  for (const pd::Found& f : found)
    out.push_back(std::to_string(static_cast<int>(f.kind)) + "@" + std::to_string(f.range.begin) +
                  "-" + std::to_string(f.range.end) + ":" + f.detail);
  return out;
}

}  // namespace

TEST_CASE("personal-data: own_text in a check scope answers for the scope's draft only",
          "[personal-data]") {
  using replylint::rules::CheckScope;
  namespace dt = replylint::draft::test;
  const auto& data = dt::rules_data();
  const replylint::draft::Draft first = replylint::draft::segment(
      dt::body_message("Hola Ana:\n\nSu contraseña es Tk93!mq y la tarjeta 4111 1111 1111 1111.\n"),
      data);
  const replylint::draft::Draft second = replylint::draft::segment(
      dt::body_message("Hola:\n\nEl IBAN ES91 2100 0418 4502 0005 1332 y el PIN: 4821.\n"), data);
  const pd::Detector detector(data, nullptr);
  const pd::Detector another(data, nullptr);
  const auto first_values = described(detector.own_text(first));
  const auto second_values = described(detector.own_text(second));
  REQUIRE(first_values.size() == 2);
  REQUIRE(!second_values.empty());
  REQUIRE(first_values != second_values);
  CHECK(CheckScope::of(first) == 0);
  {
    const CheckScope scope(first);
    CHECK(CheckScope::of(first) != 0);
    CHECK(CheckScope::of(second) == 0);
    CHECK(described(detector.own_text(first)) == first_values);
    CHECK(described(another.own_text(first)) == first_values);     // the memo, for the same data
    CHECK(described(detector.own_text(second)) == second_values);  // not in the scope
    const auto outer = CheckScope::of(first);
    {
      const CheckScope inner(second);
      CHECK(CheckScope::of(first) == 0);
      CHECK(CheckScope::of(second) != outer);
      CHECK(described(detector.own_text(second)) == second_values);
    }
    CHECK(CheckScope::of(first) == outer);
    CHECK(described(detector.own_text(first)) == first_values);
  }
  CHECK(CheckScope::of(first) == 0);
  {
    const CheckScope again(second);  // a new scope never finds an older one's memo
    CHECK(described(detector.own_text(second)) == second_values);
  }
}

TEST_CASE("personal-data: detectors with and without a stemmer keep apart in one check scope",
          "[personal-data]") {
  using replylint::rules::CheckScope;
  namespace dt = replylint::draft::test;
  static replylint::spell::SpellService service(replylint::spell::Options{});
  const auto& data = dt::rules_data();
  // "contraseñas" is a list phrase only through its stem ("contraseña").
  const replylint::draft::Draft draft = replylint::draft::segment(
      dt::body_message("Hola Ana:\n\nSus contraseñas son Tk93!mq.\n"), data);
  const pd::Detector stemmed(data, &service);
  const pd::Detector forms_only(data, nullptr);
  const auto with_stems = described(stemmed.own_text(draft));
  const auto without = described(forms_only.own_text(draft));
  REQUIRE(with_stems != without);  // else this test shows nothing
  for (const bool stemmed_first : {true, false}) {
    CAPTURE(stemmed_first);
    const CheckScope scope(draft);
    if (stemmed_first) {
      CHECK(described(stemmed.own_text(draft)) == with_stems);
      CHECK(described(forms_only.own_text(draft)) == without);
    } else {
      CHECK(described(forms_only.own_text(draft)) == without);
      CHECK(described(stemmed.own_text(draft)) == with_stems);
    }
  }
}

TEST_CASE("personal-data: Luhn and card schemes", "[personal-data]") {
  for (const char* card : {"4111111111111111", "4242424242424242", "5555555555554444",
                           "2223003122003222", "378282246310005", "6011111111111117",
                           "3056930009020004", "3566002020360505", "6200000000000005"}) {
    CAPTURE(card);
    CHECK(pd::luhn_valid(card));
    CHECK(pd::card_scheme(card));
  }
  CHECK(*pd::card_scheme("4111111111111111") == "Visa");
  CHECK(*pd::card_scheme("2223003122003222") == "Mastercard");
  CHECK(*pd::card_scheme("378282246310005") == "American Express");
  CHECK_FALSE(pd::luhn_valid("4111111111111112"));
  CHECK_FALSE(pd::luhn_valid("1234567812345678"));
  CHECK_FALSE(pd::luhn_valid("41111x1111111111"));
  CHECK_FALSE(pd::card_scheme("1234567812345670"));  // Luhn-valid, no scheme starts with 1
  CHECK_FALSE(pd::card_scheme("411111111111111"));   // Visa has no 15-digit numbers
}

TEST_CASE("personal-data: IBAN length table and mod 97", "[personal-data]") {
  for (const char* iban :
       {"ES9121000418450200051332", "GR1601101250000000012300695", "DE89370400440532013000",
        "GB82WEST12345698765432", "gb82west12345698765432", "NO9386011117947",
        "FR1420041010050500013M02606"}) {
    CAPTURE(iban);
    CHECK(pd::iban_valid(iban));
  }
  CHECK_FALSE(pd::iban_valid("ES9221000418450200051332"));   // wrong check digits
  CHECK_FALSE(pd::iban_valid("ES91210004184502000513321"));  // one character too many
  CHECK_FALSE(pd::iban_valid("QQ9121000418450200051332"));   // no such country
  CHECK_FALSE(pd::iban_valid("DE89 3704 0044 0532 0130 00"));
}

TEST_CASE("personal-data: DNI, NIE, AFM and AMKA checks", "[personal-data]") {
  CHECK(pd::dni_valid("12345678Z"));
  CHECK(pd::dni_valid("00000000T"));
  CHECK_FALSE(pd::dni_valid("12345678A"));
  CHECK_FALSE(pd::dni_valid("1234567Z"));
  CHECK(pd::nie_valid("X1234567L"));
  CHECK(pd::nie_valid("Y1234567X"));
  CHECK(pd::nie_valid("Z1234567R"));
  CHECK_FALSE(pd::nie_valid("X1234567A"));
  CHECK_FALSE(pd::nie_valid("W1234567L"));
  CHECK(pd::afm_valid("094259216"));
  CHECK(pd::afm_valid("123456783"));
  CHECK_FALSE(pd::afm_valid("123456789"));
  CHECK_FALSE(pd::afm_valid("000000000"));
  CHECK(pd::amka_valid("01018012342"));  // 1 Jan 1980
  CHECK_FALSE(pd::amka_valid("01018012345"));
  CHECK_FALSE(pd::amka_valid("32018012347"));  // no 32nd day (Luhn alone would pass)
  CHECK(pd::luhn_valid("32018012347"));
}

TEST_CASE("personal-data finds numbers as they are written", "[personal-data]") {
  CHECK(numbers_in("Tarjeta 4111 1111 1111 1111, caduca 12/27.") ==
        std::vector<std::string>{"4111 1111 1111 1111"});
  CHECK(numbers_in("card 4242-4242-4242-4242.") == std::vector<std::string>{"4242-4242-4242-4242"});
  CHECK(numbers_in("Amex 3782 822463 10005") == std::vector<std::string>{"3782 822463 10005"});
  CHECK(numbers_in("5555555555554444") == std::vector<std::string>{"5555555555554444"});
  CHECK(numbers_in("IBAN: ES91 2100 0418 4502 0005 1332.") ==
        std::vector<std::string>{"ES91 2100 0418 4502 0005 1332"});
  CHECK(numbers_in("IBAN gr16 0110 1250 0000 0001 2300 695") ==
        std::vector<std::string>{"gr16 0110 1250 0000 0001 2300 695"});
  CHECK(numbers_in("DE89370400440532013000 y GB82 WEST 1234 5698 7654 32") ==
        std::vector<std::string>{"DE89370400440532013000", "GB82 WEST 1234 5698 7654 32"});
  CHECK(numbers_in("DNI 12345678Z, NIE X1234567L, DNI 12345678-Z") ==
        std::vector<std::string>{"12345678Z", "X1234567L", "12345678-Z"});
  CHECK(numbers_in("ΑΦΜ: 094259216") == std::vector<std::string>{"094259216"});
  CHECK(numbers_in("Α.Φ.Μ. 094259216") == std::vector<std::string>{"094259216"});
  CHECK(numbers_in("VAT number 094259216") == std::vector<std::string>{"094259216"});
  CHECK(numbers_in("ΑΜΚΑ 01018012342") == std::vector<std::string>{"01018012342"});
}

TEST_CASE("personal-data leaves other numbers alone", "[personal-data]") {
  const std::string text =
      GENERATE(as<std::string>{},
               "Llámenos al +34 600 123 456.",                // phone
               "Teléfono 600123456 o 0034600123456.",         // phone, compact
               "Su pedido 100234567 ha salido.",              // order number
               "Factura FV-2024-000123, pedido #4000123.",    // invoice number
               "Seguimiento: 1Z999AA10123456784.",            // UPS tracking number
               "IBAN ES92 2100 0418 4502 0005 1332.",         // wrong check digits
               "Tarjeta **** **** **** 4242.",                // masked card
               "Tarjeta XXXX-XXXX-XXXX-4242.",                // masked card
               "Tarjeta terminada en 4242.",                  // last four
               "La entrega será el 12/03/2025 a las 10:30.",  // a date
               "Referencia 1234567812345678.",                // 16 digits failing Luhn
               "Referencia 1234 5678 1234 5670.",             // Luhn-valid, no card scheme
               "DNI 12345678A.",                              // wrong control letter
               "NIE X1234567A.",                              // wrong control letter
               "Ο αριθμός 094259216 της παραγγελίας.",        // AFM-valid but not named an AFM
               "Τηλέφωνο 2101234567 και 6912345678.",         // Greek phones
               "Ref. 41111111111111111111 (20 digits).",      // longer than any card
               "Importe 4.111.111.111,11 €.");                // an amount
  CAPTURE(text);
  CHECK(numbers_in(text).empty());
}

TEST_CASE("personal-data reads the value after a password phrase", "[personal-data]") {
  CHECK(secret_in("contraseña: Tk93!mq.", "contraseña") == "Tk93!mq");
  CHECK(secret_in("su contraseña temporal es Tk93!mq", "contraseña temporal") == "Tk93!mq");
  CHECK(secret_in("el código de verificación es 482913.", "verificación") == "482913");
  CHECK(secret_in("el código es: 482 913, válido", "código") == "482 913");
  CHECK(secret_in("ο κωδικός σας είναι Αβγ12345", "κωδικός σας") == "Αβγ12345");
  CHECK(secret_in("your temporary password is \"hunter\".", "password") == "hunter");
  CHECK(secret_in("PIN: 1234", "PIN") == "1234");
  CHECK(secret_in("your password will be Summer2024!", "password") == "Summer2024!");
  CHECK(secret_in("contraseña = aB3$xYz", "contraseña") == "aB3$xYz");
  // "σας" folds to "σασ": the joining words are compared as keys.
  CHECK(secret_in("Ο προσωρινός κωδικός σας είναι Nw#48213k.", "προσωρινός κωδικός") ==
        "Nw#48213k");
  {
    // With a gap, words opening with a preposition may stand before the verb or ':'.
    const std::string text = "La contraseña provisional de su cuenta es Tk93!mq2";
    const std::size_t from = text.find(" de su");
    const auto value = pd::secret_after(text, from, text.size(), 5);
    REQUIRE(value);
    CHECK(text.substr(value->begin, value->size()) == "Tk93!mq2");
    CHECK_FALSE(pd::secret_after(text, from, text.size()));  // no gap: quiet
    const std::string far = "La contraseña de la cuenta que abrió usted ayer en el portal es Tk93";
    CHECK_FALSE(pd::secret_after(far, far.find(" de la"), far.size(), 5));  // too many words
  }
  // Quiet: no ':' or verb, or a value that reads as the sentence going on.
  CHECK(secret_in("cambie su contraseña cuanto antes", "contraseña").empty());
  CHECK(secret_in("your password is not stored", "password").empty());
  CHECK(secret_in("your password is case-sensitive.", "password").empty());
  CHECK(secret_in("su contraseña es personal e intransferible", "contraseña").empty());
  CHECK(secret_in("la contraseña: mínimo 8 caracteres", "contraseña").empty());
  CHECK(secret_in("contraseña: {{password}}", "contraseña").empty());
  CHECK(secret_in("contraseña: ********", "contraseña").empty());
  CHECK(secret_in("password: https://acme.example/reset", "password").empty());
  CHECK(secret_in("PIN: 12", "PIN").empty());
  CHECK(secret_in("the CVV is the 3-digit number", "CVV").empty());
  // Mail wrapped at 72 columns: the value may open the next line of the paragraph, never the
  // next paragraph or a quoted line.
  CHECK(secret_in("el código es\n482913", "código") == "482913");
  CHECK(secret_in("Su contraseña provisional es\nLima-2025!k y tendrá", "contraseña provisional") ==
        "Lima-2025!k");
  {
    const std::string text = "the password for your\naccount is Tk93!mq.";
    const auto value = pd::secret_after(text, text.find(" for"), text.size(), 5);
    REQUIRE(value);
    CHECK(text.substr(value->begin, value->size()) == "Tk93!mq");
  }
  CHECK(secret_in("el código es\n\n482913", "código").empty());
  CHECK(secret_in("el código es\n> 482913", "código").empty());
}

TEST_CASE("personal-data flags a card number and masks it", "[personal-data]") {
  const auto found =
      lint("personal-data", "Hola Ana,\n\nEl cargo se hizo a la tarjeta 4111 1111 1111 1111.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 3);
  CHECK(found[0].column == 31);
  CHECK(found[0].message == "payment card number (Visa) in the reply");
  CHECK(found[0].severity == replylint::core::Severity::error);
  CHECK(found[0].text == "**** **** **** 1111");
  REQUIRE(found[0].fix);
  CHECK(found[0].fix->edits[0].replacement == "**** **** **** 1111");
}

TEST_CASE("personal-data flags passwords in es, el and en, masked whole", "[personal-data]") {
  const std::string text = GENERATE(
      as<std::string>{}, "Hola Ana,\n\nSu contraseña temporal es Tk93!mq y caduca mañana.\n",
      "Hola,\n\nContraseña: Tk93!mq\n",
      "Hola Pedro,\n\nTu nueva contraseña es Tk93!mq, cámbiala al entrar.\n",
      "Hola,\n\nEl código de verificación es Tk93!mq.\n",
      "Καλησπέρα σας,\n\nΟ κωδικός σας είναι Tk93!mq.\n",
      "Καλησπέρα,\n\nΟ προσωρινός κωδικός πρόσβασης: Tk93!mq\n",
      "Καλησπέρα,\n\nΟ ΚΩΔΙΚΟΣ ΣΑΣ ΕΙΝΑΙ Tk93!mq\n",
      "Hi John,\n\nYour temporary password is Tk93!mq and expires tomorrow.\n",
      "Hi,\n\nYour one-time code is Tk93!mq.\n");
  CAPTURE(text);
  const auto found = lint("personal-data", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "password or one-time code in the reply");
  CHECK(found[0].text == "*******");
  CHECK_FALSE(found[0].fix);
}

TEST_CASE("personal-data flags PINs and ids in own text", "[personal-data]") {
  CHECK(lint("personal-data", "Su PIN: 1234\n").size() == 1);
  CHECK(lint("personal-data", "Your PIN is 4821.\n").size() == 1);
  CHECK(lint("personal-data", "Hemos registrado su DNI 12345678Z.\n").size() == 1);
  CHECK(lint("personal-data", "Su NIE es X1234567L.\n").size() == 1);
  CHECK(lint("personal-data", "Το ΑΦΜ σας 094259216 καταχωρήθηκε.\n").size() == 1);
  CHECK(lint("personal-data", "Ο ΑΜΚΑ 01018012342 είναι σωστός.\n").size() == 1);
  const auto iban = lint("personal-data", "Su IBAN ES91 2100 0418 4502 0005 1332 es correcto.\n");
  REQUIRE(iban.size() == 1);
  CHECK(iban[0].message == "bank account number (IBAN) in the reply");
  CHECK(iban[0].text == "**** **** **** **** **** 1332");
}

TEST_CASE("personal-data stays quiet on the traps", "[personal-data]") {
  // The traps prove nothing unless the same values fire in own text.
  REQUIRE(lint("personal-data", "Tarjeta 4111 1111 1111 1111.\n").size() == 1);
  REQUIRE(lint("personal-data", "Su contraseña es Tk93!mq.\n").size() == 1);
  const std::string text = GENERATE(
      as<std::string>{},
      "El IVA y el DNI van en el PDF adjunto.\n",  // acronyms
      "Το ΑΦΜ και ο ΦΠΑ είναι σωστά.\n",           // Greek acronyms
      "Para cambiar su contraseña, pulse en el enlace que le enviamos.\n",
      "Cambie su contraseña cuanto antes.\n", "Su contraseña debe tener al menos 8 caracteres.\n",
      "Su contraseña es personal: no la comparta.\n",
      "We never store your password. Reset your password here: https://acme.example/reset\n",
      "Your password is not stored on our servers.\n", "Your password is case-sensitive.\n",
      "Ο κωδικός παραγγελίας σας είναι 100234567.\n",  // order code
      "Ο κωδικός προϊόντος: AB-1234.\n",               // product code
      "Αλλάξτε τον κωδικό σας από τις ρυθμίσεις.\n", "El código de descuento es VERANO20.\n",
      "The discount code is SAVE20.\n",
      "Su pedido 100234567 ha salido. Teléfono: +34 600 123 456.\n",
      "Tarjeta terminada en **** **** **** 4242.\n", "Seguimiento: 1Z999AA10123456784.\n",
      "Estimado {{CUSTOMER_NAME}}, su pedido {{ORDER_ID}} ha salido.\n",    // placeholders
      "Revise https://tienda.example.es/p/4111111111111111 ahora.\n",       // URL
      "Gracias.\n\n-- \nACME S.L. · IBAN ES91 2100 0418 4502 0005 1332\n",  // signature
      "Puede pagar por transferencia a nuestra cuenta ES91 2100 0418 4502 0005 1332.\n",
      "Please pay by transfer to our account GB82 WEST 1234 5698 7654 32.\n",
      "Μπορείτε να καταθέσετε στον λογαριασμό μας GR16 0110 1250 0000 0001 2300 695.\n",
      "From: Soporte <soporte@tienda.es>\nTo: Ana Ruiz <ana@example.com>\nSubject: Su pedido\n\n"
      "Hola Ana Ruiz,\n\nGracias por escribirnos.\n");  // names from the headers
  CAPTURE(text);
  CHECK(lint("personal-data", text).empty());
}

TEST_CASE("personal-data flags a card number in the quoted original", "[personal-data]") {
  const auto found =
      lint("personal-data",
           "Hola Ana,\n\nYa está resuelto.\n\nEl lun, 3 mar 2025, Ana escribió:\n"
           "> Mi tarjeta es 4242 4242 4242 4242 y mi IBAN ES9121000418450200051332\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].message == "customer's payment card number (Visa) in the quoted text");
  CHECK(found[0].help == "trim it from the quote: quoting it back repeats the leak");
  CHECK(found[0].text == "**** **** **** 4242");
  CHECK(found[1].message == "customer's bank account number (IBAN) in the quoted text");
}

TEST_CASE("personal-data flags the subject", "[personal-data]") {
  const auto found =
      lint("personal-data",
           "From: a@tienda.es\nTo: b@example.com\nSubject: Cargo en 4111111111111111\n"
           "\nHola,\n\nGracias.\n");
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "payment card number (Visa) in the subject");
  CHECK(found[0].text == "************1111");
}

TEST_CASE("personal-data masks the value in other findings", "[personal-data]") {
  // Spelling and personal-data together, as the engine runs them.
  const std::string draft = "Hola Ana,\n\nSu contraseña temporal es Tk93!mqzx y caduca hoy.\n";
  const auto spelling = lint("spelling", draft);
  for (const auto& d : spelling) {
    CAPTURE(d.text);
    CHECK(d.text.find("mqzx") == std::string::npos);  // never spell-checked
  }
}

TEST_CASE("personal-data leaves the sender's own IBAN introduced on the line before",
          "[personal-data]") {
  const std::string text = GENERATE(
      as<std::string>{},
      "Hola Ana,\n\nPuede hacer la transferencia a nuestra cuenta de CaixaBank:\n"
      "ES91 2100 0418 4502 0005 1332\n",
      "Hola Ana,\n\nLos datos para la transferencia:\nTitular: Tienda Verde S.L.\n"
      "IBAN: ES91 2100 0418 4502 0005 1332\n",
      "Καλησπέρα σας,\n\nΜπορείτε να καταθέσετε το ποσό στον λογαριασμό μας στην Eurobank,\n"
      "IBAN GR16 0110 1250 0000 0001 2300 695\n",
      "Καλησπέρα σας,\n\nΔικαιούχος: e-Σπίτι Α.Ε.\nIBAN: GR16 0110 1250 0000 0001 2300 695\n",
      "Hi John,\n\nPlease pay by bank transfer.\nAccount holder: Green Shop Ltd\n"
      "IBAN: GB82 WEST 1234 5698 7654 32\n",
      "Hi John,\n\nOur bank details are below.\nBeneficiary: Green Shop Ltd\n"
      "IBAN: GB82 WEST 1234 5698 7654 32\n",
      "Hola Ana,\n\nDatos para el pago:\n1. Titular: Tienda Verde S.L.\n"
      "2. IBAN: ES91 2100 0418 4502 0005 1332\n",
      "Hola Ana,\n\nDatos para el pago:\n\u2022 Titular: Tienda Verde S.L.\n"
      "\u2022 IBAN: ES91 2100 0418 4502 0005 1332\n",
      "Hola Ana,\n\nDatos para el pago:\nTitular de la cuenta: Tienda Verde S.L.\n"
      "IBAN: ES91 2100 0418 4502 0005 1332\n",
      "Hola,\n\nNuestro IBAN es ES91 2100 0418 4502 0005 1332.\n");
  CAPTURE(text);
  CHECK(lint("personal-data", text).empty());
}

TEST_CASE("personal-data reads a holder's name as the sender's only as a bank-details label",
          "[personal-data]") {
  // Not a label starting its line: the holder is the customer's.
  const std::string body = GENERATE(
      as<std::string>{},
      "Hola Ana,\n\nHemos registrado la devolución a nombre del titular con DNI 12345678Z.\n",
      "Hi Sarah,\n\nThe refund went to the beneficiary account GB82 WEST 1234 5698 7654 32 that "
      "you confirmed by phone.\n",
      "Καλησπέρα,\n\nΤο ποσό επιστράφηκε στον λογαριασμό του δικαιούχου GR16 0110 1250 0000 0001 "
      "2300 695 που μας δώσατε.\n");
  CAPTURE(body);
  CHECK(lint("personal-data", body).size() == 1);
}

TEST_CASE("personal-data: a holder's label naming a recipient gives the customer's account",
          "[personal-data]") {
  const std::string draft =
      "From: Lucía <lucia@tiendaverde.es>\nTo: Sarah Collins <sarah.collins@gmail.com>\n"
      "Subject: Refund\n\nHi Sarah,\n\nWe will refund to:\nAccount holder: Sarah Collins\n"
      "IBAN: GB82 WEST 1234 5698 7654 32\n";
  CHECK(lint("personal-data", draft).size() == 1);
  // A colleague in Cc whose name is the shop's does not make the shop's block the customer's.
  CHECK(lint("personal-data",
             "From: Lucía <lucia@tiendaverde.es>\nTo: Ana Ruiz <ana@gmail.com>\nCc: Tienda Verde "
             "Facturación <facturacion@tiendaverde.es>\nSubject: Pago\n\nHola Ana,\n\nTitular: "
             "Tienda Verde S.L.\nIBAN: ES91 2100 0418 4502 0005 1332\n")
            .empty());
  // The shop's own block to the same customer stays quiet.
  const std::string own =
      "From: Lucía <lucia@tiendaverde.es>\nTo: Sarah Collins <sarah.collins@gmail.com>\n"
      "Subject: Payment\n\nHi Sarah,\n\nPlease pay to:\nAccount holder: Green Shop Ltd\n"
      "IBAN: GB82 WEST 1234 5698 7654 32\n";
  CHECK(lint("personal-data", own).empty());
}

TEST_CASE("personal-data still flags the customer's IBAN near an own-account cue",
          "[personal-data]") {
  // Too far: three lines above, or another paragraph.
  CHECK(lint("personal-data",
             "Hola,\n\nNuestra cuenta está en CaixaBank.\nUno.\nDos.\n"
             "ES91 2100 0418 4502 0005 1332\n")
            .size() == 1);
  CHECK(lint("personal-data",
             "Hola,\n\nNuestra cuenta está en CaixaBank.\n\nES91 2100 0418 4502 0005 1332\n")
            .size() == 1);
  // The customer's account named between the cue and the number.
  CHECK(lint("personal-data",
             "Hola,\n\nHemos hecho la devolución desde nuestra cuenta.\n"
             "Su IBAN: ES91 2100 0418 4502 0005 1332\n")
            .size() == 1);
  CHECK(lint("personal-data",
             "Καλησπέρα,\n\nΑπό τον λογαριασμό μας στείλαμε τα χρήματα\n"
             "στον λογαριασμό σας GR16 0110 1250 0000 0001 2300 695\n")
            .size() == 1);
}

TEST_CASE("personal-data reads a DNI with thousands dots or a lowercase letter, and a dashed IBAN",
          "[personal-data]") {
  for (const char* text : {"Hola,\n\nHemos anotado el DNI 12.345.678-Z del titular.\n",
                           "Hola,\n\nHemos anotado el DNI 12345678z del titular.\n",
                           "Hola,\n\nLa cuenta ES91-2100-0418-4502-0005-1332 es la suya.\n"}) {
    CAPTURE(text);
    CHECK(lint("personal-data", text).size() == 1);
  }
  // A wrong control letter, dots in the wrong places, or a word after a number, is no DNI.
  CHECK(
      lint("personal-data", "Hola,\n\nHemos enviado el pedido 40123457 a su dirección.\n").empty());
  CHECK(lint("personal-data", "Hola,\n\nLos pedidos 40123460 y 40123461 ya han salido.\n").empty());
  CHECK(lint("personal-data", "Hola,\n\nReferencia 12.345.678-A del envío.\n").empty());
  CHECK(lint("personal-data", "Hola,\n\nReferencia 1.234.5678-Z del envío.\n").empty());
}

TEST_CASE("personal-data: an own-account cue presents one value, a few words on",
          "[personal-data]") {
  // The customer's id after the sender's own tax number, and a cue far back about something
  // else: both still flagged.
  const auto flagged = [](const char* text) { return lint("personal-data", text).size(); };
  CHECK(flagged("Hola Ana,\n\nLe enviamos la factura rectificativa con nuestro NIF 094014201 a "
                "nombre de Ana García, DNI 12345678Z.\n") == 1);
  CHECK(flagged("Hola Ana,\n\nLe enviamos la factura con nuestro NIF B12345674 a nombre de Ana "
                "García, DNI 12345678Z.\n") == 1);
  CHECK(flagged("Καλησπέρα σας,\n\nΤο ΑΦΜ της εταιρείας μας είναι 094014201 και το δικό σας "
                "094862134.\n") == 1);
  CHECK(flagged("Hi Jennifer,\n\nGood news: our account manager confirmed this morning that the "
                "refund of $129.00 was sent to IBAN DE89 3704 0044 0532 0130 00.\n") == 1);
  // The holder's details before the account: the holder's tax number does not end the cue.
  CHECK(flagged("Hola,\n\nTitular: Tienda Verde S.L., NIF B12345674\n"
                "IBAN: ES91 2100 0418 4502 0005 1332\n") == 0);
  CHECK(flagged("Καλησπέρα,\n\nΔικαιούχος: Βιβλίο Α.Ε., ΑΦΜ 094014201, IBAN GR16 0110 1250 0000 "
                "0001 2300 695\n") == 0);
  // A bank, a branch and a label between the cue and the value are fine.
  CHECK(flagged("Hola,\n\nPuede pagar en nuestra cuenta de CaixaBank, oficina de Sol: "
                "ES91 2100 0418 4502 0005 1332.\n") == 0);
}

TEST_CASE("personal-data leaves the sender's own tax number alone", "[personal-data]") {
  const std::string text =
      GENERATE(as<std::string>{},
               "Καλησπέρα σας,\n\nΗ απόδειξη θα εκδοθεί με το ΑΦΜ του φροντιστηρίου 094014201.\n",
               "Καλησπέρα σας,\n\nΤο ΑΦΜ μας είναι 094014201.\n",
               "Καλησπέρα σας,\n\nΗ τιμολόγηση γίνεται με το ΑΦΜ της εταιρείας 094014201.\n",
               "Hola,\n\nEn la factura figura nuestro NIF 094014201.\n",
               "Hi,\n\nOur VAT number is 094014201.\n");
  CAPTURE(text);
  CHECK(lint("personal-data", text).empty());
}

TEST_CASE("personal-data still flags the customer's tax number", "[personal-data]") {
  for (const char* text : {"Καλησπέρα,\n\nΤο ΑΦΜ σας 094014201 καταχωρήθηκε.\n",
                           "Καλησπέρα,\n\nΈχουμε το ΑΦΜ σας: 094014201.\n",
                           "Hola,\n\nHemos anotado su NIF 094014201.\n",
                           "Hi,\n\nYour VAT number 094014201 is on the invoice.\n"}) {
    CAPTURE(text);
    CHECK(lint("personal-data", text).size() == 1);
  }
}

TEST_CASE("personal-data reads a password a few words after its phrase", "[personal-data]") {
  const std::string text =
      GENERATE(as<std::string>{}, "Καλησπέρα,\n\nΟ προσωρινός κωδικός σας είναι Nw#48213k.\n",
               "Καλησπέρα,\n\nΟ νέος κωδικός πρόσβασής σας είναι Nw#48213k.\n",
               "Καλησπέρα,\n\nΟ κωδικός επαλήθευσης για την αλλαγή στοιχείων είναι 482913\n",
               "Hola,\n\nLa contraseña provisional de su cuenta es Tk93!mq2\n",
               "Hola,\n\nEl código de verificación para confirmar el cambio es 482913.\n",
               "Hi,\n\nYour new temporary password for the portal is Xy7!kq2p\n");
  CAPTURE(text);
  const auto found = lint("personal-data", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "password or one-time code in the reply");
}

TEST_CASE("personal-data reads a PIN named with its card and reset or backup codes",
          "[personal-data]") {
  const std::string text = GENERATE(
      as<std::string>{}, "Hi,\n\nThe PIN for your new card is 4471, keep it safe.\n",
      "Hi,\n\nYour password reset code is 7F3KQ9.\n", "Hi,\n\nYour backup code is 7F3K-Q9ZT.\n",
      "Hola,\n\nEl PIN de su tarjeta es 4471.\n", "Hola,\n\nSu código de recuperación es 7F3KQ9.\n",
      "Καλησπέρα,\n\nΤο PIN της κάρτας σας είναι 1234.\n",
      "Καλησπέρα,\n\nΟ κωδικός επαναφοράς είναι 7F3KQ9.\n");
  CAPTURE(text);
  const auto found = lint("personal-data", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "password or one-time code in the reply");
}

TEST_CASE("personal-data reads a card security code right after its label", "[personal-data]") {
  const std::string text = GENERATE(
      as<std::string>{}, "Hi,\n\nYour card ending 4242 with CVV 123 was charged.\n",
      "Hi,\n\nYour CVV2 0042 was rejected.\n", "Hola,\n\nTarjeta terminada en 4242, CVV: 123.\n",
      "Hola,\n\nEl código CVV es 456.\n", "Καλησπέρα,\n\nΗ κάρτα σας με CVV 123 χρεώθηκε.\n");
  CAPTURE(text);
  const auto found = lint("personal-data", text);
  REQUIRE(found.size() == 1);
  CHECK(found[0].message == "password or one-time code in the reply");
}

TEST_CASE("personal-data leaves a security code label without its code alone", "[personal-data]") {
  const std::string text =
      GENERATE(as<std::string>{}, "Hi,\n\nEnter the CVV (3 digits) when prompted.\n",
               "Hi,\n\nThe CVV 3 digits are on the back of the card.\n",
               "Hola,\n\nNunca le pediremos el CVV, ni los 3 dígitos del dorso.\n",
               "Hola,\n\nEl CVV 123abc no es válido.\n", "Hi,\n\nThe CVV123 field is optional.\n");
  CAPTURE(text);
  CHECK(lint("personal-data", text).empty());
}

TEST_CASE("personal-data reads no secret into a command's option in inline code",
          "[personal-data]") {
  CHECK(lint("personal-data",
             "Hi,\n\nRun `stackpilot org policy set --mfa=webauthn` to require keys.\n")
            .empty());
  // A password on a command line is one, and so are a token set in code and a card in code.
  CHECK(lint("personal-data", "Hi,\n\nRun `mysql --password=Hunter2! shop`.\n").size() == 1);
  CHECK(lint("personal-data", "Hi,\n\nRun `export API_TOKEN=ghp_16C7e42F292c6912E77` first.\n")
            .size() == 1);
  CHECK(lint("personal-data", "Hi,\n\nThe test card is `4111 1111 1111 1111`.\n").size() == 1);
  // A variable or a placeholder is no value.
  CHECK(lint("personal-data", "Hi,\n\nRun `mysql --password=$DB_PASS shop`.\n").empty());
  CHECK(lint("personal-data", "Hi,\n\nSet `token: <your token>` in the file.\n").empty());
  // A key inside a variable's name is none ("$PWD").
  CHECK(lint("personal-data", "Hi,\n\nRun `export PATH=$PWD:/usr/local/bin` and retry.\n").empty());
}

TEST_CASE("personal-data reads every code of a list, keys of an API and regional wordings",
          "[personal-data]") {
  CHECK(lint("personal-data", "Hi,\n\nYour backup codes are 8271-3349 and 5512-0984.\n").size() ==
        2);
  CHECK(lint("personal-data", "Hola,\n\nLos códigos de respaldo son 4821, 9930 y 1177.\n").size() ==
        3);
  const std::string one =
      GENERATE(as<std::string>{}, "Hola,\n\nTu contraseña provisoria es: Rb7#kq2L\n",
               "Hola,\n\nLa clave es 8812Kx, cámbiela al entrar.\n",
               "Hola,\n\nLa contraseña de tu homebanking es: Mx71!pq\n",
               "Hi,\n\nYour new API key is sk_live_51HxYqABCDEF.\n",
               "Hi Tom,\n\nHere are the sandbox credentials.\nclient secret: 9f8e7d6c5b4a\n",
               // A list ends at a word that is no code.
               "Hi,\n\nYour verification code is 482913, valid for 24 hours.\n",
               "Hi,\n\nYour password is Tk93!mq and then you can log in.\n");
  CAPTURE(one);
  CHECK(lint("personal-data", one).size() == 1);
  for (const char* quiet : {"Hola,\n\nLa clave del éxito es la paciencia.\n",
                            "Hi,\n\nWe need the API key from your dashboard.\n"})
    CHECK(lint("personal-data", quiet).empty());
}

TEST_CASE("personal-data leaves a booking code alone", "[personal-data]") {
  CHECK(lint("personal-data", "Hola,\n\nEl código de reserva del hotel es XK7Q2M.\n").empty());
}

TEST_CASE("personal-data keeps words after a password phrase quiet when no value is given",
          "[personal-data]") {
  const std::string text =
      GENERATE(as<std::string>{}, "Hola,\n\nNunca le pediremos el PIN por correo.\n",
               "Καλησπέρα,\n\nΟ κωδικός παραγγελίας σας είναι 4021877.\n",
               "Καλησπέρα,\n\nΟ κωδικός της παραγγελίας σας είναι 4021877.\n",
               "Hola,\n\nCambie su contraseña de acceso en el portal.\n",
               "Hi,\n\nReset your password for the portal here.\n",
               "Hi,\n\nYour temporary password for the portal is not stored.\n",
               "Hola,\n\nEl código de seguridad de la tarjeta es el número de tres cifras.\n",
               "Hola,\n\nLa contraseña provisional de su cuenta. Es 2024 el año.\n");
  CAPTURE(text);
  CHECK(lint("personal-data", text).empty());
}

TEST_CASE("personal-data's unsafe fix masks a card or IBAN in own text, never in a quote",
          "[personal-data][fix]") {
  const std::string text =
      "Hola Ana,\n\n"
      "El cargo se hizo a la tarjeta 4111-1111-1111-1111 y el reembolso irá a su cuenta "
      "ES91 2100 0418 4502 0005 1332.\n\n"
      "El 3 de marzo, Ana escribió:\n"
      "> Mi tarjeta es 5500 0000 0000 0004.\n";
  const auto found = lint("personal-data", text);
  REQUIRE(found.size() == 3);
  int quoted = 0;
  for (const auto& d : found) {
    INFO(d.message);
    if (d.message.find("quoted") != std::string::npos) {
      ++quoted;
      CHECK_FALSE(d.fix);  // the quote is the customer's: trimming it is the writer's call
      continue;
    }
    REQUIRE(d.fix);
    CHECK(d.fix->applicability == replylint::core::Applicability::unsafe);
    CHECK(d.fix->title == "mask all but the last four digits");
    REQUIRE(d.fix->edits.size() == 1);
    const auto& edit = d.fix->edits[0];
    CHECK(edit.location.origin == replylint::core::Location::Origin::body);
    CHECK(edit.location.range.begin == d.location.range.begin);
    CHECK(edit.location.range.end == d.location.range.end);
    const std::string original = text.substr(edit.location.range.begin, edit.location.range.size());
    if (d.message.find("card") != std::string::npos) {
      CHECK(original == "4111-1111-1111-1111");
      CHECK(edit.replacement == "****-****-****-1111");  // separators kept
    } else {
      CHECK(original == "ES91 2100 0418 4502 0005 1332");
      CHECK(edit.replacement == "**** **** **** **** **** 1332");
    }
  }
  CHECK(quoted == 1);
}
