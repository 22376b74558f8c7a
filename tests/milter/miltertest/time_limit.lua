-- time-limit = "1ms", on-error = "reject": a lint over the limit is replylint failing.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Your order 51190"), string.rep(CLEAN_BODY, 300))
check(reply == SMFIR_REPLYCODE, "a reply code")
check(mt.eom_check(conn, MT_SMTPREPLY, REJECT_ON_ERROR_REPLY), "550 5.7.1")
mt.disconnect(conn)
