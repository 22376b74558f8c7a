-- Mail from outside the organisation (incoming) is accepted at MAIL FROM, never read; so is a
-- bounce (null sender) whose From is outside.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<cliente@gmail.com>", "<ana@tiendaverde.es>") == SMFIR_ACCEPT,
  "external sender accepted at MAIL FROM")
mt.disconnect(conn)
conn = open()
check(envelope(conn, "<>", "<ana@tiendaverde.es>") == SMFIR_CONTINUE, "null sender: continue")
check(mt.header(conn, "From", "MAILER-DAEMON@mx.gmail.com") == nil, "mt.header")
check(mt.getreply(conn) == SMFIR_CONTINUE, "header: continue")
check(mt.eoh(conn) == nil, "mt.eoh")
check(mt.getreply(conn) == SMFIR_ACCEPT, "bounce from outside accepted at end of header")
mt.disconnect(conn)
