-- Shared steps of the miltertest scripts: the driver (run_miltertest.py) starts
-- `replylint milter` on REPLYLINT_MILTER_SOCKET before each script and stops it after.

function check(condition, what)
  if not condition then
    mt.echo("FAILED: " .. what)  -- miltertest does not always print the error's text
    error("FAILED: " .. what)
  end
end

function open()
  local conn = mt.connect(os.getenv("REPLYLINT_MILTER_SOCKET"), 40, 0.25)
  check(conn ~= nil, "mt.connect")
  check(mt.conninfo(conn, "localhost", "127.0.0.1") == nil, "mt.conninfo")
  check(mt.getreply(conn) == SMFIR_CONTINUE, "connect: continue")
  return conn
end

-- Sends the envelope; returns the reply to MAIL FROM.
function envelope(conn, from, rcpt)
  check(mt.mailfrom(conn, from) == nil, "mt.mailfrom")
  local reply = mt.getreply(conn)
  if reply ~= SMFIR_CONTINUE then
    return reply
  end
  check(mt.rcptto(conn, rcpt) == nil, "mt.rcptto")
  check(mt.getreply(conn) == SMFIR_CONTINUE, "rcpt: continue")
  return reply
end

-- Sends headers (a list of {name, value}), the body and the end of message; returns the reply
-- to the end of message.
function message(conn, headers, body)
  for _, h in ipairs(headers) do
    check(mt.header(conn, h[1], h[2]) == nil, "mt.header " .. h[1])
    check(mt.getreply(conn) == SMFIR_CONTINUE, "header: continue")
  end
  check(mt.eoh(conn) == nil, "mt.eoh")
  check(mt.getreply(conn) == SMFIR_CONTINUE, "eoh: continue")
  check(mt.bodystring(conn, body) == nil, "mt.bodystring")
  check(mt.getreply(conn) == SMFIR_CONTINUE, "body: continue")
  check(mt.eom(conn) == nil, "mt.eom")
  return mt.getreply(conn)
end

function reply_headers(from, to, subject)
  return {
    {"From", from}, {"To", to}, {"Subject", subject},
    {"Date", "Tue, 1 Dec 2026 10:00:00 +0100"}, {"Message-ID", "<t1@tiendaverde.es>"},
  }
end

-- mt.eom_check(conn, MT_SMTPREPLY, TEXT) compares the whole reply, every line.
TEMPFAIL_REPLY = "451 4.7.1 replylint could not check the message; try again later"
REJECT_ON_ERROR_REPLY = "550 5.7.1 replylint could not check the message, so it was not sent"

CLEAN_BODY = "Hi Bob,\r\n\r\nYour order left our warehouse this morning and should arrive on " ..
  "Friday.\r\n\r\nBest regards,\r\nAna\r\n"
CARD_BODY = "Hola Bob,\r\n\r\nel cargo se hizo a la tarjeta 4012 8888 8888 1881 esta " ..
  "mañana.\r\n\r\nUn saludo,\r\nAna\r\n"
