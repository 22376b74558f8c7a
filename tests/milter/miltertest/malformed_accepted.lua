-- The same with on-error = "accept": delivered unchecked, saying why in a header.
dofile(os.getenv("REPLYLINT_MILTERTEST_DIR") .. "/common.lua")
local conn = open()
check(envelope(conn, "<ana@tiendaverde.es>", "<bob@example.org>") == SMFIR_CONTINUE, "mail from")
local headers = reply_headers("Ana <ana@tiendaverde.es>", "bob@example.org", "x")
table.insert(headers, {"X-Junk", string.rep("\1\2\3\4\5\6\7\8", 40)})
local reply = message(conn, headers, CLEAN_BODY)
check(reply == SMFIR_ACCEPT, "accepted")
check(string.find(mt.getheader(conn, "X-Replylint", 0), "^unchecked %(") ~= nil,
  "X-Replylint: unchecked")
check(string.find(mt.getheader(conn, "X-Replylint", 0), "binary") ~= nil, "says why")
mt.disconnect(conn)
