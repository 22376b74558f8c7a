-- oversize = "pass": a larger message is accepted unchecked, saying so in a header.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Re: su pedido"), string.rep(CARD_BODY, 40))
check(reply == SMFIR_ACCEPT, "accepted")
check(string.find(mt.getheader(conn, "X-Replylint", 0), "^unchecked %(over the size limit") ~= nil,
  "X-Replylint: unchecked")
mt.disconnect(conn)
