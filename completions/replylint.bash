# bash completion for replylint(1); installed as /usr/share/bash-completion/completions/replylint.
# Self-contained (no bash-completion helpers needed), so `source` it from ~/.bashrc works too.
# tests/install/completion_test.py checks it against the CLI's own --help.

# Rule ids, from the binary being completed (`replylint rules` prints one rule a line, id first).
_replylint_rule_ids() {
  local program=${COMP_WORDS[0]}
  [[ $program == "~/"* ]] && program=$HOME/${program#"~/"}
  "$program" rules 2>/dev/null | while read -r id _; do printf '%s\n' "$id"; done
}

_replylint() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  # --option=value: readline splits it at '=' (COMP_WORDBREAKS).
  if [[ $cur == "=" ]]; then
    cur=
  elif [[ $prev == "=" ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  COMPREPLY=()

  local commands="check parse rules explain sendmail install-hook mcp lsp milter"
  local command= i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --rules-dir | --locale) ((i++)) ;;
      -*) ;;
      *)
        command=${COMP_WORDS[i]}
        break
        ;;
    esac
  done

  # sendmail's real command follows "--": complete it as a command line of its own.
  if [[ $command == sendmail ]]; then
    for ((i = i + 1; i < COMP_CWORD; i++)); do
      if [[ ${COMP_WORDS[i]} == -- ]]; then
        if ((i + 1 == COMP_CWORD)); then
          mapfile -t COMPREPLY < <(compgen -c -- "$cur")
        else
          compopt -o filenames 2>/dev/null
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
        fi
        return 0
      fi
    done
  fi

  case $prev in
    --format)
      case $command in
        check) mapfile -t COMPREPLY < <(compgen -W "text json sarif github" -- "$cur") ;;
        *) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur") ;;
      esac
      return 0
      ;;
    --lang | --locale)
      mapfile -t COMPREPLY < <(compgen -W "es el en" -- "$cur")
      return 0
      ;;
    --fail-on)
      mapfile -t COMPREPLY < <(compgen -W "error warning info" -- "$cur")
      return 0
      ;;
    --color)
      mapfile -t COMPREPLY < <(compgen -W "auto always never" -- "$cur")
      return 0
      ;;
    --mbox-format)
      mapfile -t COMPREPLY < <(compgen -W "mboxrd mboxo mboxcl2" -- "$cur")
      return 0
      ;;
    --on-error)
      mapfile -t COMPREPLY < <(compgen -W "refuse send" -- "$cur")
      return 0
      ;;
    --rules-dir | --dict-dir | --allow-path)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -d -- "$cur")
      return 0
      ;;
    --config | --baseline | --write-baseline | --stdin-filename)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      return 0
      ;;
    --jobs | -j | --max-size | --socket)
      return 0
      ;;
  esac

  local options
  case $command in
    "") options="--help --version --rules-dir --locale" ;;
    check)
      options="--help --format --config --lang --dict-dir --stdin-filename --fail-on --exit-zero
        --color --jobs --baseline --write-baseline --force-exclude --fix --unsafe-fixes --diff
        --max-size --mbox-format"
      ;;
    parse) options="--help --format --lang --max-size" ;;
    rules) options="--help --format" ;;
    explain) options="--help" ;;
    sendmail) options="--help --config --lang --dict-dir --fail-on --on-error --no-verify --max-size --" ;;
    install-hook) options="--help --force" ;;
    mcp) options="--help --dict-dir --allow-path" ;;
    lsp) options="--help --dict-dir" ;;
    milter) options="--help --config --socket --lang --dict-dir" ;;
  esac
  if [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$options" -- "$cur")
    return 0
  fi

  case $command in
    "") mapfile -t COMPREPLY < <(compgen -W "$commands" -- "$cur") ;;
    check | parse)
      compopt -o filenames 2>/dev/null
      mapfile -t COMPREPLY < <(compgen -f -- "$cur")
      ;;
    explain) mapfile -t COMPREPLY < <(compgen -W "$(_replylint_rule_ids)" -- "$cur") ;;
    install-hook) mapfile -t COMPREPLY < <(compgen -W "git-send-email" -- "$cur") ;;
  esac
  return 0
}

complete -F _replylint replylint
