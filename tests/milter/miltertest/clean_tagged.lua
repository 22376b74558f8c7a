-- action = "tag": a clean reply is accepted with "X-Replylint: pass", nothing else changed.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local reply = message(conn, reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org",
  "Your order 51190"), CLEAN_BODY)
check(reply == SMFIR_ACCEPT, "clean reply accepted")
check(mt.eom_check(conn, MT_HDRADD, "X-Replylint"), "X-Replylint added")
check(string.find(mt.getheader(conn, "X-Replylint", 0), "^pass; replylint ") ~= nil,
  "X-Replylint: pass")
check(not mt.eom_check(conn, MT_HDRADD, "X-Replylint-Findings"), "no findings header")
check(not mt.eom_check(conn, MT_BODYCHANGE), "body unchanged")
check(not mt.eom_check(conn, MT_HDRCHANGE), "no header changed")
check(not mt.eom_check(conn, MT_HDRDELETE), "no header deleted")
check(not mt.eom_check(conn, MT_QUARANTINE), "not held")
mt.disconnect(conn)
