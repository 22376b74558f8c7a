#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "rules/organisation.hpp"  // own_domains, in_domains
#include "rules/personal_data_detect.hpp"
#include "rules/rules.hpp"
#include "rules/signoff.hpp"
#include "spell/spell.hpp"  // SpellService is a spell::Stemmer
#include "text/text.hpp"

namespace replylint::rules {
namespace {

namespace pd = personal_data;

const RuleInfo k_info{
    .id = "personal-data",
    .category = Category::privacy,
    .default_severity = Severity::error,
    .summary = N_("card numbers, IBANs, national ids and passwords written into a reply"),
    .docs = R"md(
## What it flags
Personal data that must not travel by email, in own text and in the subject:

- payment card numbers: 13 to 19 digits, compact or grouped with spaces or dashes, that pass
  the Luhn check and start with a card scheme's prefix (Visa, Mastercard, American Express,
  Discover, Diners Club, JCB, UnionPay, Maestro), unless the words before it on its line name an
  order, a reference, an invoice, a contract, a booking or a tracking number ("Pedido
  4000012345678905": one such number in ten passes the checks by chance) and no card;
- IBANs of every country of the ISO 13616 registry, of that country's length and with a valid
  mod-97 check, compact or in groups of four, in any case;
- Spanish DNI and NIE numbers with their right control letter;
- Greek AFM (tax) and AMKA (social security) numbers with a valid check, when the line names
  them (ΑΦΜ, Α.Φ.Μ., AFM, VAT, NIF, TIN, tax; ΑΜΚΑ, AMKA): one 9-digit number in ten passes the
  AFM check by chance, so an unnamed one is left alone. Grouped as people write them ("ΑΦΜ: 094
  259 216", "ΑΜΚΑ 010180-12342") they need the name within the three words before them, in the
  same clause: a phone number of the same shape further along the line is not one;
- Greek identity card numbers (one or two capitals and six digits: "ΑΚ 123456", "Χ-654321"),
  which have no check, only within the four words after their name in the same clause ("ΑΔΤ:
  ΑΚ 123456", "αριθμός ταυτότητάς σας ΑΚ 123456"; "η παραγγελία ΑΚ 123456" is left alone);
- a password or one-time code given after a phrase of `rules/<lang>/personal-data.toml`
  ("contraseña: …", "el código de verificación es …", "ο κωδικός σας είναι …", "your temporary
  password is …", "your new API key is …", "PIN: …"), and each further code of a list ("backup
  codes are … and …"). The value follows a ':' or a verb ("es", "είναι", "is"), after a
  phrase of several words also up to five words later when they open with a preposition ("la
  contraseña provisional de su cuenta es …", "your temporary password for the portal is …"),
  and after one word too when the value could be no order or booking reference ("your password
  for the portal is Tk93!mqZ"); a short kind named in parentheses after the phrase is read
  past ("su código (OTP) es 482913", "your sign in code (SMS) is 771204"),
  and looks made rather than written (a digit, a symbol, a capital inside it, quotes around it,
  or three words or more joined by hyphens, "caballo-azul-grapa"), so
  "cambie su contraseña", "your password is not stored" and "ο κωδικός παραγγελίας" stay quiet.
- a login given whole after a phrase of `rules/<lang>/personal-data-login.toml` ("sus datos de
  acceso son tbaker y Gr33n-Apple", "τα στοιχεία σύνδεσης είναι …", "your login details are …"):
  the password, the value after ',' or "y", "και", "and", when it looks made. The user name
  before it is no secret and is not flagged, nor spell-checked.
- a credential set in inline code or on a command line ("`mysql --password=…`", "`export
  API_TOKEN=…`"): the value after a key naming a secret (password, token, secret, API key) and
  '=' or ':', unless it is a variable or a placeholder ("$DB_PASS", "<your token>");
- a card's security code after a label of `rules/<lang>/personal-data-card-code.toml` (CVV,
  CVC): as a password after ':' or a verb, and also as 3 or 4 digits right after the label
  ("card ending 4242 with CVV 123"), which no other value is written as;
- a one-time or verification code of 4 to 8 digits (grouped or not) right after a label of
  `rules/<lang>/personal-data-one-time-code.toml`, with no ':' or verb ("su código de
  verificación 482 913 caduca…", "ο κωδικός μιας χρήσης 739201 ισχύει…", "your sign in code
  55120984 works once"); "el código de verificación de 6 dígitos", a booking's confirmation code
  and "ο κωδικός πελάτη" stay quiet.

A customer's card number, IBAN or id in the quoted original (or a forwarded message) is flagged
too, with its own message: quoting it back, perhaps to more people, repeats the leak.

Left alone: numbers that fail their check (order, invoice, tracking and phone numbers), masked
cards (`**** **** **** 4242`), numbers inside links, addresses and placeholders, and signatures:
a company's IBAN or tax number there is its own, given out for payments. A signature without a
"-- " line is the short lines under a sign-off ("Un saludo,", "Με εκτίμηση,", "Best regards,")
down to the value's; a postscript there ("PD:", "P.S.") is not. For the same reason an IBAN,
AFM, DNI or NIE that the reply presents as the sender's own is left alone: a phrase of
`rules/<lang>/personal-data-ours.toml` ("nuestra cuenta", "our bank details", "λογαριασμό
μας", "το ΑΦΜ της εταιρείας", "nuestro NIF", "realice una transferencia de 60 € a", "el IBAN
de la empresa"), or a holder's label of
`personal-data-holder.toml` that starts its line (after a bullet or an item number at most) in
a block of bank details, its ':' a few words on ("Titular:", "Titular de la cuenta:",
"Δικαιούχος:", "Account holder:"), with the name of no recipient outside the organisation after
it on the line, at most eight
words before an IBAN or three before a tax or id number, in its sentence or at most two lines
above in its paragraph, with no other number (but the holder's tax number before an IBAN) and no
phrase of `personal-data-theirs.toml` ("su cuenta", "your IBAN", "το ΑΦΜ σας") in between, nor
one that makes the sender the payer of the cue ("le haremos una transferencia a", "hemos
realizado la transferencia a", "we will transfer the refund to", "θα κάνουμε μεταφορά στον"):
"nuestro NIF B12345674 a nombre de Ana García, DNI 12345678Z" still flags the DNI, and so do "a
nombre del titular con DNI …" and "Account holder: Sarah Collins" to Sarah Collins.

The value is masked in every output (text, JSON, SARIF, GitHub, MCP, the sendmail hook), and so
is any other finding that shows it; the spelling rule never checks it.

## Why
Never leak a customer's private data: an accidental leak of private data is one of the worst
mistakes a support channel makes (seeds/002, "5. Filtrar información confidencial sobre el
consumidor"), and customers' data is theirs to keep (seeds/004, "12) Respetar la privacidad").
Email is not a secure channel, and a reply is copied to mailboxes and archives.

## Example
```text
Hola Ana,

Su contraseña temporal es Tk93!mq y el cargo se hizo a la tarjeta 4111 1111 1111 1111.

Un saludo,
Lucía
```
Use instead:
```text
Hola Ana,

Le hemos enviado un enlace para crear una contraseña nueva. El cargo se hizo a la tarjeta
terminada en 1111 (pedido 100234567).

Un saludo,
Lucía
```
)md",
    .options = {},
    .fix = FixInfo{Applicability::unsafe, false,
                   N_("masks a card number, IBAN or id in own text; a long one keeps its last four "
                      "characters")},
};

core::i18n::Fragment noun(const pd::Found& found) {
  core::i18n::Fragment kind = core::i18n::translated(pd::describe(found.kind));
  if (found.kind == pd::Kind::card && !found.detail.empty()) {
    kind.english += " (" + found.detail + ")";
    if (!kind.localized.empty()) kind.localized += " (" + found.detail + ")";
  }
  return kind;
}

// A customer's card, AMKA, identity card or password is never the sender's own to give out.
bool never_the_senders(pd::Kind kind) {
  return kind == pd::Kind::card || kind == pd::Kind::amka || kind == pd::Kind::id_card ||
         kind == pd::Kind::secret;
}

core::Masking masking(pd::Kind kind) {
  return kind == pd::Kind::secret ? core::Masking::full : core::Masking::last_four;
}

// The fix's replacement: every letter and digit becomes '*' but the last four, when at least
// eight others are hidden (core::Masking::last_four's promise); spaces and dashes stay, so
// "4111-1111-1111-1111" becomes "****-****-****-1111". The values are ASCII.
std::string masked_number(std::string_view value) {
  const auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  const auto total = std::count_if(value.begin(), value.end(), alnum);
  const std::ptrdiff_t shown = total - 4 >= 8 ? 4 : 0;
  std::string out(value);
  std::ptrdiff_t seen = 0;
  for (char& c : out)
    if (alnum(c) && ++seen <= total - shown) c = '*';
  return out;
}

constexpr std::string_view k_secret_help = N_(
    "remove it, and send it through a secure channel (a reset link, SMS or the customer portal)");
constexpr std::string_view k_number_help =
    N_("remove it; if the customer must know which one, give its last four digits only");

class PersonalData final : public Rule {
 public:
  explicit PersonalData(const RuleContext& context)
      : m_detector(context.data, context.spell),
        m_signoff(context.data),
        m_ours(context.data, "personal-data-ours", context.spell),
        m_holders(context.data, "personal-data-holder", context.spell),
        m_theirs(context.data, "personal-data-theirs", context.spell),
        m_data(context.data),
        m_org_domains(context.org_domains) {}

  const RuleInfo& info() const override { return k_info; }

  void check(const Draft& draft, Reporter& out) const override {
    const std::string& text = draft.text();
    const std::vector<pd::Found> values = m_detector.own_text(draft);
    // Only a value found needs them (most drafts have none).
    std::vector<PhraseMatch> ours =
        values.empty() ? std::vector<PhraseMatch>() : m_ours.find(draft);
    if (!values.empty())
      for (PhraseMatch& holder : m_holders.find(draft))
        if (labels_own_account(draft, holder)) ours.push_back(std::move(holder));
    const std::vector<PhraseMatch> theirs =
        values.empty() ? std::vector<PhraseMatch>() : m_theirs.find(draft);
    for (const pd::Found& found : values) {
      if (presented_as_ours(draft, found, values, ours, theirs) || in_signoff_block(draft, found))
        continue;
      auto finding = out.report(found.range, "{} in the reply", noun(found));
      finding.sensitive(masking(found.kind));
      if (found.kind == pd::Kind::secret) {
        finding.help(std::string(k_secret_help));
      } else {
        finding.help(std::string(k_number_help));
        const std::string_view value(text.data() + found.range.begin, found.range.size());
        finding.replace_with(masked_number(value), Applicability::unsafe,
                             core::i18n::fragment("mask all but the last four digits"));
      }
    }
    check_quotes(draft, out);
    check_subject(draft, out);
  }

 private:
  void check_quotes(const Draft& draft, Reporter& out) const {
    for (const draft::Segment& segment : draft.segments) {
      if (segment.kind != draft::SegmentKind::quote && segment.kind != draft::SegmentKind::forward)
        continue;
      for (const pd::Found& found : pd::find_numbers(draft.text(), segment.range)) {
        out.report(found.range, "customer's {} in the quoted text", noun(found))
            .sensitive(masking(found.kind))
            .help("trim it from the quote: quoting it back repeats the leak");
      }
    }
  }

  void check_subject(const Draft& draft, Reporter& out) const {
    const std::string& subject = draft.message().subject;
    if (subject.empty()) return;
    std::vector<pd::Found> found = pd::find_numbers(subject, {0, subject.size()});
    draft::Sentence line{{0, subject.size()}, draft.subject_words};
    std::vector<std::string> languages;
    if (!draft.language.empty())
      languages.push_back(draft.language);
    else
      languages = {"es", "el", "en"};
    for (const std::string& language : languages) {
      for (const PhraseMatch& match : m_detector.phrases().find(line, language)) {
        if (auto value = pd::secret_after(subject, match.range.end, subject.size()))
          found.push_back({pd::Kind::secret, *value, ""});
      }
    }
    for (const pd::Found& f : found) {
      auto finding = out.report_subject(f.range, "{} in the subject", noun(f));
      finding.sensitive(masking(f.kind));
      finding.help(std::string(f.kind == pd::Kind::secret ? k_secret_help : k_number_help));
    }
  }

  // An account or tax number of the sender, given out for a payment or a receipt: an "ours"
  // phrase before it, in its sentence or at most two lines above in its paragraph (the cue
  // often ends the line before: "a nuestra cuenta de CaixaBank:\nES91 ..."), a few words away
  // at most, with no "theirs" phrase and no other value in between (but the holder's tax
  // number before an IBAN): a cue presents one value ("nuestro NIF … a nombre de Ana García,
  // DNI …" gives the customer's DNI too), and one far back is about something else ("our
  // account manager confirmed ... was sent to IBAN ..."). Cards and AMKA are never the
  // sender's to give.
  static bool presented_as_ours(const Draft& draft, const pd::Found& found,
                                const std::vector<pd::Found>& values,
                                const std::vector<PhraseMatch>& ours,
                                const std::vector<PhraseMatch>& theirs) {
    if (never_the_senders(found.kind)) return false;
    const std::string& text = draft.text();
    const auto paragraph = std::ranges::find_if(draft.paragraphs, [&](const draft::Paragraph& p) {
      return p.range.begin <= found.range.begin && found.range.begin < p.range.end;
    });
    if (paragraph == draft.paragraphs.end()) return false;
    std::size_t from = found.range.begin;
    for (int lines = 0; lines < 3 && from > paragraph->range.begin; ++lines) {
      const std::size_t newline = text.rfind('\n', from - 1);
      from = (newline == std::string::npos || newline < paragraph->range.begin)
                 ? paragraph->range.begin
                 : newline;
    }
    for (const draft::Sentence& sentence : paragraph->sentences)
      if (sentence.range.begin <= found.range.begin && found.range.begin < sentence.range.end)
        from = std::min(from, sentence.range.begin);
    const PhraseMatch* cue = nullptr;  // the nearest
    for (const PhraseMatch& match : ours)
      if (match.range.begin >= from && match.range.end <= found.range.begin &&
          (cue == nullptr || match.range.end > cue->range.end))
        cue = &match;
    if (cue == nullptr) return false;
    const std::size_t cue_end = cue->range.end;
    const std::size_t reach =
        found.kind == pd::Kind::iban ? k_max_words_before_account : k_max_words_before_id;
    if (words_between(text, cue_end, found.range.begin) > reach) return false;
    // Account details give the holder's tax number before the account: that one does not end
    // the cue's reach for the IBAN.
    if (std::ranges::any_of(values, [&](const pd::Found& other) {
          return other.range.begin >= cue_end && other.range.end <= found.range.begin &&
                 (other.kind == found.kind || found.kind != pd::Kind::iban);
        }))
      return false;
    // Or one that ends inside the cue, naming who pays: "le haremos una transferencia a", "we
    // will transfer the refund to" is a payment of ours into the customer's account.
    return std::ranges::none_of(theirs, [&](const PhraseMatch& match) {
      return (match.range.begin >= cue_end && match.range.end <= found.range.begin) ||
             (match.range.begin < cue->range.begin && match.range.end > cue->range.begin);
    });
  }

  // The company's own numbers in an undelimited signature: the lines under a sign-off ("Με
  // εκτίμηση,\nΕλένη Καραγιάννη\nThess Market ΙΚΕ, …\nΑΦΜ: 094093802, ΔΟΥ …"), each short like
  // a name, an address or contact details, up to the value's. A postscript there is prose to the
  // customer ("PD: su IBAN … no es válido"); cards, AMKA and passwords are never the sender's.
  bool in_signoff_block(const Draft& draft, const pd::Found& found) const {
    if (never_the_senders(found.kind)) return false;
    return m_signoff.contains(draft.text(), found.range.begin, found.range.end);
  }

  // A holder's label (personal-data-holder.toml) presents the sender's account only in a block of
  // bank details: it starts its line (after a bullet or an item number at most) and a ':' ends
  // it ("Titular: Tienda Verde S.L.", "Titular de la cuenta: …", "1. Account holder name: …"),
  // and the rest of the line names no recipient outside the organisation ("Account holder: Sarah
  // Collins" to Sarah Collins is the customer's; a colleague in Cc named "Tienda Verde
  // Facturación" is not). "a nombre del titular con DNI …" names no one's account in particular.
  bool labels_own_account(const Draft& draft, const PhraseMatch& holder) const {
    const std::string_view text = draft.text();
    const std::size_t line_begin =
        holder.range.begin == 0 ? 0 : text.rfind('\n', holder.range.begin - 1) + 1;
    std::string_view before = text.substr(line_begin, holder.range.begin - line_begin);
    while (!before.empty()) {
      const char ch = before.front();
      if (ch == ' ' || ch == '\t' || ch == '*' || ch == '-' || ch == '>') {
        before.remove_prefix(1);
      } else if (before.starts_with("\u2022") || before.starts_with("\u00B7")) {  // • ·
        before.remove_prefix(before.starts_with("\u2022") ? 3 : 2);
      } else if (std::isdigit(static_cast<unsigned char>(ch)) != 0) {
        std::size_t digits = 0;
        while (digits < before.size() && std::isdigit(static_cast<unsigned char>(before[digits])))
          ++digits;
        if (digits == before.size() || (before[digits] != '.' && before[digits] != ')'))
          return false;
        before.remove_prefix(digits + 1);
      } else {
        return false;
      }
    }
    // The label's ':' within a few words ("de la cuenta", "name"), before any digit.
    const std::size_t line_end = std::min(text.find('\n', holder.range.end), text.size());
    const std::size_t colon = text.find(':', holder.range.end);
    if (colon >= line_end || colon - holder.range.end > k_max_label_tail_bytes) return false;
    for (std::size_t i = holder.range.end; i < colon; ++i)
      if (std::isdigit(static_cast<unsigned char>(text[i])) != 0) return false;
    const std::string rest = text::fold(text.substr(colon + 1, line_end - colon - 1));
    const message::Message& msg = draft.message();
    const std::vector<std::string> own = own_domains(msg, m_org_domains, m_data);
    for (const auto* list : {&msg.to, &msg.cc})
      for (const message::Address& recipient : *list) {
        if (!own.empty() && in_domains(recipient.domain(), own)) continue;
        for (const std::string& word : name_words(recipient.name))
          if (contains_word(rest, word)) return false;
      }
    return true;
  }
  static constexpr std::size_t k_max_label_tail_bytes = 24;  // " de la cuenta", " name"

  // The words of a display name worth comparing, folded: initials and particles ("de", "Mr")
  // are left out.
  static std::vector<std::string> name_words(std::string_view name) {
    std::vector<std::string> words;
    std::size_t begin = 0;
    while (begin < name.size()) {
      std::size_t end = name.find_first_of(" \t,.\"'()", begin);
      if (end == std::string_view::npos) end = name.size();
      if (text::count_code_points(name.substr(begin, end - begin)) >= 3)
        words.push_back(text::fold(name.substr(begin, end - begin)));
      begin = end + 1;
    }
    return words;
  }

  // True when `word` stands in `text` as a whole word (both folded).
  static bool contains_word(std::string_view text, std::string_view word) {
    auto letter_or_digit = [](unsigned char c) { return std::isalnum(c) != 0 || c >= 0x80; };
    for (std::size_t at = text.find(word); at != std::string_view::npos;
         at = text.find(word, at + 1)) {
      const std::size_t end = at + word.size();
      if ((at == 0 || !letter_or_digit(static_cast<unsigned char>(text[at - 1]))) &&
          (end == text.size() || !letter_or_digit(static_cast<unsigned char>(text[end]))))
        return true;
    }
    return false;
  }

  // "transferencia a nuestra cuenta de CaixaBank, oficina de Sol: ES91 ...", "Titular: Tienda
  // Verde S.L., NIF B12345674\nIBAN: ES91 ...": the bank, a branch, a holder's name, its tax
  // number and a label fit; a clause about something else does not. A tax or id number follows
  // its cue at once ("nuestro NIF es …", "Our VAT number is …"): "nuestro NIF B12345674 a nombre
  // de Ana García, DNI 12345678Z" gives the customer's DNI.
  static constexpr std::size_t k_max_words_before_account = 8;
  static constexpr std::size_t k_max_words_before_id = 3;

  pd::Detector m_detector;
  SignoffBlock m_signoff;
  PhraseMatcher m_ours;
  PhraseMatcher m_holders;
  PhraseMatcher m_theirs;
  const data::DataSet& m_data;
  std::vector<std::string> m_org_domains;
};

}  // namespace

const RuleInfo& personal_data_info() { return k_info; }

std::unique_ptr<Rule> make_personal_data(const RuleContext& context) {
  return std::make_unique<PersonalData>(context);
}

}  // namespace replylint::rules
