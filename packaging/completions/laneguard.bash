# bash completion for laneguard. Installed as share/bash-completion/completions/laneguard.
# Commands and options come from laneguard's own --help, so they never fall out of step.
_laneguard_policies() {  # the shipped policies `init --from` takes by name
  laneguard init --list 2>/dev/null | awk '/^[a-z][a-z0-9-]*  / { print $1 }'
}
_laneguard() {
  local cur prev cmd i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac
  done
  if [ -z "$cmd" ]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$(laneguard --help 2>/dev/null | sed -n '/^Subcommands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p')" -- "$cur"))
    fi
    return
  fi
  # --color=WHEN: bash splits the word at '=' (COMP_WORDBREAKS), so WHEN is its own word.
  if [ "$prev" = "=" ] && [ "${COMP_WORDS[COMP_CWORD-2]}" = --color ]; then
    COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return
  fi
  if [ "$prev" = "=" ] && [ "${COMP_WORDS[COMP_CWORD-2]}" = --manager ]; then
    COMPREPLY=($(compgen -W "auto none husky lefthook pre-commit" -- "$cur")); return
  fi
  if [ "$cur" = "=" ] && [ "$prev" = --color ]; then
    COMPREPLY=(auto always never); return
  fi
  case $cur in
    --color=*) COMPREPLY=($(compgen -P --color= -W "auto always never" -- "${cur#--color=}")); return ;;
    --manager=*) COMPREPLY=($(compgen -P --manager= -W "auto none husky lefthook pre-commit" -- "${cur#--manager=}")); return ;;
  esac
  case $prev in
    --format)
      if [ "$cmd" = report ]; then COMPREPLY=($(compgen -W "html json" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "text json jsonl sarif github markdown codequality" -- "$cur")); return ;;
    --manager) COMPREPLY=($(compgen -W "auto none husky lefthook pre-commit" -- "$cur")); return ;;
    --from) COMPREPLY=($(compgen -W "$(_laneguard_policies)" -- "$cur") $(compgen -f -- "$cur")); return ;;
    --agreement|--event|--reviews|--commits|--pull-request|--merge-request|--approvals|--input|--summary|--output|--audit-log|--out) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  if [ "$cmd" = help ]; then
    COMPREPLY=($(compgen -W "$(laneguard --help 2>/dev/null | sed -n '/^Subcommands:/,$s/^  \([a-z][a-z-]*\) .*/\1/p')" -- "$cur"))
  elif [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$(laneguard "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -F _laneguard laneguard
