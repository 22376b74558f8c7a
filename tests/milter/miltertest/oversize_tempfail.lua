-- max-size = "2KB", oversize = "fail", on-error = "tempfail": a larger message waits (4xx).
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Your order 51190"), string.rep(CLEAN_BODY, 40))
check(reply == SMFIR_REPLYCODE, "a reply code")
check(mt.eom_check(conn, MT_SMTPREPLY, TEMPFAIL_REPLY), "451 4.7.1")
mt.disconnect(conn)
