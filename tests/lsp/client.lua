-- Drives `replylint lsp` from neovim's built-in LSP client (neovim 0.7 API, as in Debian 12),
-- headless, on the buffer opened: waits for the diagnostics, asks for hover and the code
-- actions at the shouted sentence, applies the preferred one, waits for the new diagnostics.
-- Writes what it saw to result.txt, one fact a line, for tests/lsp/neovim_e2e_test.cpp.
-- Environment: REPLYLINT (the binary), LSP_ENCODING ("utf-8" to negotiate it; else UTF-16).
local out = {}
local function emit(line) table.insert(out, line) end
local function diagnostics()
  local list = vim.diagnostic.get(0)
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end
local function emit_diagnostics(label)
  for _, d in ipairs(diagnostics()) do
    emit(string.format('%s %s %d:%d-%d:%d', label, d.code, d.lnum + 1, d.col, d.end_lnum + 1, d.end_col))
  end
end

local ok, err = pcall(function()
  local capabilities = vim.lsp.protocol.make_client_capabilities()
  if os.getenv('LSP_ENCODING') == 'utf-8' then capabilities.offsetEncoding = { 'utf-8', 'utf-16' } end
  local client_id = vim.lsp.start_client({
    name = 'replylint',
    cmd = { os.getenv('REPLYLINT'), 'lsp' },
    root_dir = vim.fn.getcwd(),
    capabilities = capabilities,
    on_init = function(client, result)
      if result.offsetEncoding then client.offset_encoding = result.offsetEncoding end
    end,
  })
  assert(client_id, 'the client did not start')
  assert(vim.lsp.buf_attach_client(0, client_id), 'the client did not attach')
  assert(vim.wait(150000, function() return #vim.diagnostic.get(0) > 0 end, 20), 'no diagnostics came')
  local client = vim.lsp.get_client_by_id(client_id)
  emit('encoding ' .. client.offset_encoding)
  emit_diagnostics('diagnostic')

  local shouting
  for _, d in ipairs(diagnostics()) do
    if d.code == 'shouting' then shouting = d end
  end
  assert(shouting, 'no shouting diagnostic')
  vim.api.nvim_win_set_cursor(0, { shouting.lnum + 1, shouting.col })
  local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
  local hover = vim.lsp.buf_request_sync(0, 'textDocument/hover', params, 60000)
  local value = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value or ''
  emit('hover ' .. (value:find('# shouting', 1, true) and 'explains shouting' or 'missing'))

  params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { diagnostics = {} }
  local answers = vim.lsp.buf_request_sync(0, 'textDocument/codeAction', params, 60000)
  local actions = answers and answers[client_id] and answers[client_id].result or {}
  local chosen
  for _, action in ipairs(actions) do
    emit(string.format('action %s %s', action.kind, action.isPreferred and 'preferred' or 'other'))
    if action.isPreferred and not chosen then chosen = action end
  end
  assert(chosen, 'no preferred code action')
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
  emit('line ' .. vim.api.nvim_buf_get_lines(0, shouting.lnum, shouting.lnum + 1, false)[1])
  assert(vim.wait(60000, function()
    for _, d in ipairs(vim.diagnostic.get(0)) do
      if d.code == 'shouting' then return false end
    end
    return #vim.diagnostic.get(0) > 0
  end, 20), 'the shouting diagnostic stayed after the fix')
  emit_diagnostics('after')
end)
if not ok then emit('error ' .. tostring(err)) end
vim.fn.writefile(out, 'result.txt')
vim.cmd(ok and 'qall!' or 'cquit 3')
