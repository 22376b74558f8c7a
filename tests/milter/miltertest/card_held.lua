-- [milter.senders] "bot@tiendaverde.es" = "hold": the card reply goes to the quarantine, tagged.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<bot@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Bot <bot@tiendaverde.es>", "bob@example.org",
  "Re: su pedido"), CARD_BODY)
check(reply == SMFIR_ACCEPT, "accepted into the hold queue")
check(mt.eom_check(conn, MT_QUARANTINE), "quarantined")
check(string.find(mt.getheader(conn, "X-Replylint", 0), "^fail %(1 error") ~= nil,
  "X-Replylint: fail")
check(string.find(mt.getheader(conn, "X-Replylint-Findings", 0), "personal%-data") ~= nil,
  "findings name personal-data")
check(string.find(mt.getheader(conn, "X-Replylint-Findings", 0), "1881") == nil,
  "no card digits in the headers")
mt.disconnect(conn)
