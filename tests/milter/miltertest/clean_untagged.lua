-- action = "reject" (tag-clean has no effect there): a clean reply passes without any change.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Your order 51190"), CLEAN_BODY)
check(reply == SMFIR_ACCEPT, "clean reply accepted")
check(not mt.eom_check(conn, MT_HDRADD), "no header added")
mt.disconnect(conn)
