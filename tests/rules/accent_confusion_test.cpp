#include <catch2/catch.hpp>

#include "rules/rule_test.hpp"

using replylint::test::lint;

namespace {
const std::string k_flagged = "¿Como puedo ayudarle?";

struct Case {
  std::string text;
  std::string word;
  std::string suggestion;
};
}  // namespace

TEST_CASE("accent-confusion fires on a correct word in the wrong place", "[accent-confusion]") {
  const Case c = GENERATE(values<Case>({
      {"¿Como puedo ayudarle con su pedido?", "Como", "Cómo"},
      {"Hola Ana, ¿a que hora le viene bien la entrega?", "que", "qué"},
      {"¿Cuando podrá recogerlo?", "Cuando", "Cuándo"},
      {"¿Cuando llega el pedido, mañana o el lunes?", "Cuando", "Cuándo"},
      {"¿Cuando le llega el pedido?", "Cuando", "Cuándo"},
      {"Donde puedo descargar la factura?", "Donde", "Dónde"},
      {"Si no le funciona, tu puedes reiniciar el router.", "tu", "tú"},
      {"Hablé con su técnico y el ha revisado la instalación.", "el", "él"},
      {"Necesitamos un poco mas de tiempo para revisarlo.", "mas", "más"},
      {"Le confirmo que si.", "si", "sí"},
      {"Lo siento, no se si el pedido ha salido ya.", "se", "sé"},
      {"De momento no sé que hacer con la devolución.", "que", "qué"},
      {"Todavía no sabemos cuando llegará el repartidor.", "cuando", "cuándo"},
      {"El envió llegará el jueves por la mañana.", "envió", "envío"},
      {"Ayer le envío la factura por correo.", "envío", "envió"},
      {"Su pedido aun no ha llegado al almacén.", "aun", "aún"},
      {"La incidencia esta en revisión.", "esta", "está"},
      {"Para mi es un placer ayudarle.", "mi", "mí"},
      {"Este modelo es muy practico para viajar.", "practico", "práctico"},
      {"Espero que le de tiempo a revisarlo.", "de", "dé"},
      // A word in capitals is corrected in capitals: Spanish capitals keep their accents.
      {"La incidencia ESTA en revisión.", "ESTA", "ESTÁ"},
      {"EL ENVIO LLEGARÁ EL JUEVES.", "ENVIO", "ENVÍO"},
      {"Καλησπέρα σας. Που είναι η παραγγελία μου;", "Που", "Πού"},
      {"Πως μπορώ να αλλάξω τη διεύθυνση;", "Πως", "Πώς"},
      {"Δεν ξέρουμε ακόμα πως να το διορθώσουμε.", "πως", "πώς"},
      {"Μπορείτε να μου πείτε που βρίσκεται το δέμα;", "που", "πού"},
      {"Θα το παραλάβετε σε δύο η τρεις εργάσιμες.", "η", "ή"},
      {"Ο οδηγός θα είναι εκεί σε 15 η 20 λεπτά.", "η", "ή"},
      {"Η μεταφορά διαρκεί δεκαπέντε η είκοσι λεπτά.", "η", "ή"},
  }));
  CAPTURE(c.text);
  const bool greek = c.text.find("α") != std::string::npos;
  const auto found = lint("accent-confusion", c.text + "\n", {.language = greek ? "el" : "es"});
  REQUIRE(found.size() == 1);
  CHECK(found[0].text == c.word);
  CHECK(found[0].suggestions.front() == c.suggestion);
  CHECK(found[0].message == "'" + c.word + "' here is written '" + c.suggestion + "'");
}

TEST_CASE("accent-confusion flags both words of 'no se como'", "[accent-confusion]") {
  const auto found =
      lint("accent-confusion", "Lo siento, no se como solucionarlo.\n", {.language = "es"});
  REQUIRE(found.size() == 2);
  CHECK(found[0].suggestions.front() == "sé");
  CHECK(found[1].suggestions.front() == "cómo");
  REQUIRE(found[0].fix.has_value());
}

TEST_CASE("accent-confusion flags two wrong words whose phrases share a word",
          "[accent-confusion]") {
  const auto found =
      lint("accent-confusion", "Aun no sabemos cuando quedará resuelto.\n", {.language = "es"});
  REQUIRE(found.size() == 2);
  CHECK(found[0].suggestions.front() == "Aún");
  CHECK(found[1].suggestions.front() == "cuándo");
}

TEST_CASE("accent-confusion stays quiet where both words could stand", "[accent-confusion]") {
  const std::string text =
      GENERATE(as<std::string>{},
               "El pedido salió ayer y el repartidor lo entregará el jueves.",  // el + noun
               "Para él es importante recibirlo antes del viernes.",            // written right
               "Se lo enviamos mañana a primera hora.",                         // se pronoun
               "Si quiere, se lo cambiamos por otro modelo.",                   // si conditional
               "Lo intentamos de nuevo, mas no fue posible.",                   // mas = pero
               "Le escribo para que sepa que el paquete ya salió.",             // que conjunction
               "El modelo que usted eligió está agotado.",                      // que relative
               "Como le comenté, ¿puede enviarnos una foto?",                   // como conjunction
               "¿Como le comenté ayer, ya recibió el paquete?",                 // excused
               "Cuando llegue, ¿me lo confirma?",                   // cuando conjunction
               "¿Cuando le lleguen, nos avisa si le quedan bien?",  // a clause of time first
               "¿Cuando reciba el paquete, nos lo confirma?",
               "Cuando pueda me confirma la dirección?",               // no '¿': cuando left
               "Tengo que hacer una consulta al almacén.",             // tener que + inf.
               "Avíseme cuando lo reciba, por favor.",                 // cuando conjunction
               "Aun así, le enviamos un cupón de descuento.",          // aun = incluso
               "Por si acaso, guarde el justificante.",                // por si acaso
               "Le envío la factura ahora mismo.",                     // present envío
               "Esta semana recibirá su pedido.",                      // demonstrative
               "Tu pedido ya está en camino.",                         // possessive
               "Gracias por su mensaje: su envío llegará el jueves.",  // noun, written right
               "Ο κωδικός που σας στείλαμε ισχύει για μία ώρα.",       // relative που
               "Θα σας πούμε πως θα γίνει η αλλαγή.",                  // πως = ότι
               "Χαίρομαι που λύθηκε το πρόβλημα.",      // που after χαίρομαι
               "Η παραγγελία σας θα παραδοθεί αύριο.",  // article η
               "Πού είναι η παραγγελία μου;");          // written right
  CAPTURE(text);
  const bool greek = text.find("α") != std::string::npos;
  CHECK(lint("accent-confusion", text + "\n", {.language = greek ? "el" : "es"}).empty());
}

TEST_CASE("accent-confusion stays quiet on the traps", "[accent-confusion]") {
  // The traps prove nothing unless the same words fire in own text.
  REQUIRE(!lint("accent-confusion", k_flagged + "\n", {.language = "es"}).empty());
  const std::string text = GENERATE(
      as<std::string>{},
      "El IVA y el DNI van en el PDF adjunto.\n",  // acronyms
      "Το ΑΦΜ και ο ΦΠΑ είναι σωστά.\n",           // Greek acronyms
      "Gracias.\n\n> " + k_flagged + "\n",         // quoted text
      "El jue, 6 mar 2025 a las 22:10, Ana <ana@example.es> escribió:\n> " + k_flagged +
          "\n",                                                           // attribution + quote
      "Un saludo,\n-- \n" + k_flagged + "\n",                             // signature
      "Estimado {{CUSTOMER_NAME}}, su pedido {{ORDER_ID}} ha salido.\n",  // placeholders
      "Revise https://tienda.example.es/como/puedo ahora.\n",             // URL
      "From: Soporte <soporte@tienda.es>\nTo: Ana Ruiz <ana@example.com>\nSubject: Su pedido\n\n"
      "Hola Ana Ruiz,\n\nGracias por escribirnos.\n");  // names from the headers
  CAPTURE(text);
  CHECK(lint("accent-confusion", text, {.language = "es"}).empty());
}
