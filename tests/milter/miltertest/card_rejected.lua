-- action = "reject", fail-on = "error": a reply with a card number gets 550 5.7.1 naming the rule, the number masked.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Re: su pedido"), CARD_BODY)
check(reply == SMFIR_REPLYCODE, "a reply code")
-- fail-on = "error": only the card number counts (not missing-quote's warning). Line 9 of the
-- message: five header lines, a blank line, then the body's third line.
check(mt.eom_check(conn, MT_SMTPREPLY,
  "550-5.7.1 replylint: the message was not sent: 1 error to fix\r\n" ..
  "550 5.7.1 personal-data (error, line 9): payment card number (Visa) in the reply"),
  "550 5.7.1 naming personal-data, the number not repeated")
check(not mt.eom_check(conn, MT_HDRADD), "no header added")
-- The same connection goes on with the next message, its state reset: a clean one passes.
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from 2")
reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Your order 51190"), CLEAN_BODY)
check(reply == SMFIR_ACCEPT, "the next, clean message accepted")
mt.disconnect(conn)
